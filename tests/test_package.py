"""Output folders: safe names, atomic writes, no rewrite of unchanged files."""

import os

import pytest

from pipeline.errors import OutputError
from pipeline.package import Package, slugify
from pipeline.storage import inside, write_atomic


@pytest.mark.parametrize(
    "name, slug",
    [
        ("mali-article", "mali-article"),
        ("Mali Article (final) v2", "mali-article-final-v2"),
        ("../../etc/passwd", "etc-passwd"),
        ("..", "article"),
        ("Ménaka_Gao", "menaka-gao"),
        ("مالي", "article"),
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
    package.write_manifest({"a": 1, "created": "t1", "timings": {"x": 1}})
    mtime = package.path("manifest.json").stat().st_mtime_ns
    again = Package(tmp_path)
    again.write_manifest({"a": 1, "created": "t2", "timings": {"x": 2}})
    assert package.path("manifest.json").stat().st_mtime_ns == mtime
    assert again.changed == []
    again.write_manifest({"a": 2, "created": "t3", "timings": {}})
    assert again.changed == ["manifest.json"]
