"""What a batch works on: files, folders and lists, each document once, each with its
own package folder; and the bad inputs that stop a batch before it starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.batch.inputs import find_sources
from pipeline.errors import InputError

TREE = {
    "2024/report.pdf": b"%PDF",
    "2024/summary.docx": b"PK",
    "2025/report.pdf": b"%PDF",
    "2025/annex/table.xlsx": b"PK",
    "notes.md": b"# Notes",
    "photo.jpg": b"\xff\xd8",
    ".hidden.txt": b"x",
    ".git/config.txt": b"x",
    "~$summary.docx": b"lock",
    "README": b"no extension",
}


def make_tree(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def names(found) -> list[str]:
    return [s.name for s in found.sources]


@pytest.mark.parametrize(
    "include, exclude, expected",
    [
        ((), (), ["2024/report.pdf", "2024/summary.docx", "2025/report.pdf", "notes.md"]),
        (("*.pdf",), (), ["2024/report.pdf", "2025/report.pdf"]),
        (("2024/*",), (), ["2024/report.pdf", "2024/summary.docx"]),
        ((), ("2025/*", "*.md"), ["2024/report.pdf", "2024/summary.docx"]),
        (("*.pdf",), ("2025/*",), ["2024/report.pdf"]),
    ],
)
def test_a_folder_is_searched_recursively_with_globs(tmp_path, include, exclude, expected):
    root = make_tree(tmp_path / "reports", TREE)
    found = find_sources([root], tmp_path / "out", include, exclude)
    assert names(found) == expected
    assert all(s.path.is_absolute() and not s.error for s in found.sources)


def test_files_of_other_types_are_named_in_a_note(tmp_path):
    found = find_sources([make_tree(tmp_path / "r", TREE)], tmp_path / "out")
    assert found.notes == [
        "skipped 3 files Kuma does not read ((no extension) 1, .jpg 1, .xlsx 1)"
    ]


def test_a_file_is_named_by_its_file_name(tmp_path):
    root = make_tree(tmp_path / "r", TREE)
    found = find_sources([root / "2024" / "report.pdf", root / "notes.md"], tmp_path / "out")
    assert names(found) == ["notes.md", "report.pdf"]


def test_a_list_names_files_and_folders_relative_to_itself(tmp_path):
    root = make_tree(tmp_path / "r", TREE)
    listing = root / "batch.txt"
    listing.write_text(
        "# reports to translate\n\n2024/report.pdf\n  2025  \nmissing.pdf\n", encoding="utf-8"
    )
    found = find_sources([f"@{listing}"], tmp_path / "out")
    assert [(s.name, s.error) for s in found.sources] == [
        ("2024/report.pdf", ""),
        ("missing.pdf", "not found (listed in batch.txt)"),
        ("report.pdf", ""),
    ]


def test_the_same_file_named_twice_is_made_once(tmp_path):
    root = make_tree(tmp_path / "r", TREE)
    report = root / "2024" / "report.pdf"
    found = find_sources([root / "2024", report, str(report)], tmp_path / "out")
    assert names(found) == ["report.pdf", "summary.docx"]
    assert found.notes == ["named more than once, made once: report.pdf"]


@pytest.mark.parametrize(
    "files, failing",
    [
        # one slug for two names: the first by name keeps the folder
        ({"Report.txt": b"a", "report.txt": b"b"}, {"report.txt": "Report.txt"}),
        ({"2024-report.txt": b"a", "2024/report.txt": b"b"},
         {"2024/report.txt": "2024-report.txt"}),
        ({"rapport été.txt": b"a", "rapport-ete.txt": b"b"},
         {"rapport-ete.txt": "rapport été.txt"}),
    ],
)
def test_two_documents_that_would_share_a_package_folder(tmp_path, files, failing):
    root = make_tree(tmp_path / "r", files)
    found = find_sources([root], tmp_path / "out")
    errors = {s.name: s.error for s in found.sources if s.error}
    assert set(errors) == set(failing)
    for name, owner in failing.items():
        assert errors[name].endswith(f"would be {owner}'s too: rename one of them")


def test_the_same_name_from_two_folders_is_one_folder_too_many(tmp_path):
    a = make_tree(tmp_path / "a", {"report.txt": b"a"})
    b = make_tree(tmp_path / "b", {"report.txt": b"b"})
    found = find_sources([a, b], tmp_path / "out")
    assert [bool(s.error) for s in found.sources] == [False, True]
    assert str(a / "report.txt") in found.sources[1].error


def test_the_output_folder_inside_the_input_folder_is_never_read(tmp_path):
    root = make_tree(tmp_path / "r", {"story.txt": b"a", "out/story/source/article.txt": b"b"})
    assert names(find_sources([root], root / "out")) == ["story.txt"]


@pytest.mark.parametrize(
    "files, message",
    [
        ({}, "no document to translate in {root} (Kuma reads .txt, .md, .markdown, .html, "
             ".htm, .docx, .pdf)"),
        ({"a.jpg": b"x", "b/c.xlsx": b"x"},
         "no document to translate in {root} (Kuma reads .txt, .md, .markdown, .html, .htm, "
         ".docx, .pdf); skipped 2 files Kuma does not read (.jpg 1, .xlsx 1)"),
    ],
)
def test_a_folder_with_nothing_to_read_stops_the_batch(tmp_path, files, message):
    root = make_tree(tmp_path / "r", files)
    root.mkdir(exist_ok=True)
    with pytest.raises(InputError) as error:
        find_sources([root], tmp_path / "out")
    assert str(error.value) == message.format(root=root)


@pytest.mark.parametrize(
    "argument, message",
    [
        ("{tmp}/nowhere", "no such file or folder: {tmp}/nowhere"),
        ("@{tmp}/nolist.txt", "cannot read the list {tmp}/nolist.txt: No such file or directory"),
    ],
)
def test_an_argument_that_does_not_exist_stops_the_batch(tmp_path, argument, message):
    with pytest.raises(InputError) as error:
        find_sources([argument.format(tmp=tmp_path)], tmp_path / "out")
    assert str(error.value) == message.format(tmp=tmp_path)
