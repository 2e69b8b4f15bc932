"""Output folders: safe names, atomic writes, no rewrite of unchanged files."""

import json
import os
import stat
import subprocess
import sys

import pytest

from pipeline.errors import OutputError, PackageError
from pipeline.package import Package, claim, sha256_bytes, slugify
from pipeline.storage import folder_lock, inside, umask, write_atomic


@pytest.mark.parametrize(
    "name, slug",
    [
        ("mali-article", "mali-article"),
        ("Mali Article (final) v2", "mali-article-final-v2"),
        ("../../etc/passwd", "etc-passwd"),
        ("..", "article"),
        ("Ménaka_Gao", "menaka-gao"),
        ("مالي", "mly"),
        ("الخبر", "lkhbr"),
        ("تقرير", "tqryr"),
        ("新闻报道", "xinwenbaodao"),
        ("Ségou ɛɔɲŋ", "segou-eonng"),
        ("!!!", "article"),
        ("a" * 200, "a" * 60),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_inside_refuses_escape(tmp_path):
    assert inside(tmp_path, "a", "b.txt") == (tmp_path / "a" / "b.txt").resolve()
    with pytest.raises(OutputError, match="refusing to write outside the output folder"):
        inside(tmp_path, "..", "x.txt")


def test_write_atomic_skips_identical_content(tmp_path):
    path = tmp_path / "sub" / "f.txt"
    assert write_atomic(path, "hello") is True
    stat = path.stat()
    assert write_atomic(path, "hello") is False
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert write_atomic(path, "hello!") is True
    assert path.read_text() == "hello!"
    assert [p.name for p in path.parent.iterdir()] == ["f.txt"]  # no temporary left


def test_write_atomic_leaves_old_file_whole_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "f.txt"
    write_atomic(path, "old")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_manifest_not_rewritten_when_only_times_change(tmp_path):
    package = Package(tmp_path)
    package.write("a.txt", "a")
    package.commit({"a": 1, "created": "t1", "timings": {"x": 1}}, "in.txt")
    mtime = package.path("manifest.json").stat().st_mtime_ns
    again = Package(tmp_path)
    again.write("a.txt", "a")
    again.commit({"a": 1, "created": "t2", "timings": {"x": 2}}, "in.txt")
    assert package.path("manifest.json").stat().st_mtime_ns == mtime
    assert again.changed == []
    again.write("a.txt", "a")
    again.commit({"a": 2, "created": "t3", "timings": {}}, "in.txt")
    assert again.changed == ["manifest.json"]


def test_nothing_is_written_before_commit(tmp_path):
    package = Package(tmp_path / "pkg")
    package.write("fr/article.txt", "texte")
    assert not (tmp_path / "pkg").exists()
    assert package.read("fr/article.txt") == b"texte"
    package.commit({"input": {"name": "a.txt"}}, "a.txt")
    assert (tmp_path / "pkg" / "fr" / "article.txt").read_text() == "texte"
    manifest = json.loads((tmp_path / "pkg" / "manifest.json").read_text())
    assert manifest["files"] == {"fr/article.txt": sha256_bytes(b"texte")}
    assert not (tmp_path / "pkg" / ".kuma-commit.json").exists()


def test_a_text_that_cannot_be_encoded_is_refused_when_staged(tmp_path):
    package = Package(tmp_path)
    with pytest.raises(OutputError, match=r"cannot write fr/a.txt: its text holds U\+D800"):
        package.write("fr/a.txt", "bad \ud800 text")


def test_files_are_readable_by_others_under_the_usual_umask(tmp_path):
    old = os.umask(0o022)
    try:
        umask.cache_clear()
        package = Package(tmp_path / "pkg")
        package.write("fr/article.html", "<p>")
        package.commit({}, "a.txt")
        for path in (tmp_path / "pkg" / "fr" / "article.html", tmp_path / "pkg" / "manifest.json"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
    finally:
        os.umask(old)
        umask.cache_clear()


def test_stale_files_of_a_rendered_folder_go_but_kits_stay(tmp_path):
    package = Package(tmp_path)
    for name in ("fr/article.txt", "fr/article.mp3", "review/fr.xliff", "ar/article.txt"):
        package.write(name, name)
    package.commit({}, "a.txt")
    again = Package(tmp_path)
    again.write("fr/article.txt", "fr/article.txt")
    again.commit({}, "a.txt", rendered=["fr", "review"])
    assert again.removed == ["fr/article.mp3"]
    assert not (tmp_path / "fr" / "article.mp3").exists()
    assert set(again.files) == {"fr/article.txt", "review/fr.xliff", "ar/article.txt"}


def test_claim_gives_another_article_its_own_folder(tmp_path):
    first = claim(tmp_path, "الخبر", "الخبر.txt")
    first.write("x.txt", "1")
    first.commit({"input": {"name": "الخبر.txt"}}, "الخبر.txt")
    assert claim(tmp_path, "الخبر", "الخبر.txt").root == first.root  # a re-run finds its own
    second = claim(tmp_path, "الخبر", "other.txt")
    assert second.root == tmp_path / "lkhbr-2"


def test_claim_skips_a_folder_that_is_not_a_kuma_package(tmp_path):
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "notes.txt").write_text("mine")
    assert claim(tmp_path, "report", "report.txt").root == tmp_path / "report-2"


def test_a_symlinked_package_root_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "report").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="it is a symbolic link"):
        claim(out, "report", "report.txt")
    package = Package(out / "report")
    with pytest.raises(OutputError, match="it is a symbolic link"):
        package.write("a.txt", "x")
    assert list(elsewhere.iterdir()) == []


def test_an_interrupted_commit_is_noticed_and_its_temporaries_cleared(tmp_path):
    root = tmp_path / "pkg"
    (root / "fr").mkdir(parents=True)
    (root / ".kuma-commit.json").write_text('{"input": "a.txt"}')
    (root / "fr" / ".article.txt.abc123.tmp").write_text("half")
    with Package(root).locked() as package:
        assert package.interrupted
        assert not (root / "fr" / ".article.txt.abc123.tmp").exists()
        assert package.owner() == "a.txt"


def test_a_second_writer_waits_for_the_lock(tmp_path):
    """A second process holding the lock makes this one wait, then give up clearly."""
    root = tmp_path / "pkg"
    code = (
        "import sys, time; from pathlib import Path; from pipeline.package import Package\n"
        f"with Package(Path({str(root)!r})).locked():\n"
        "    print('locked', flush=True); time.sleep(30)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        waited: list[str] = []
        busy = pytest.raises(PackageError, match="is being written by another Kuma process")
        with busy, folder_lock(Package(root).lock_path(), str(root), 0.2, waited.append):
            pass
        assert waited == [f"waiting for another Kuma process that is writing {root}"]
    finally:
        holder.kill()
        holder.wait()
    with Package(root).locked():
        pass  # free again once the holder is gone, even killed
