"""Documents, a misbehaving translator and package snapshots for the batch tests.

The translator plugin ``faulty`` is real plugin code found through its distribution
metadata, as any plugin is: worker processes and Ray actors find it on
``PYTHONPATH``.  It translates by shouting, except that a document saying ``CRASH``
kills its worker (``SIGSEGV``), one saying ``CRASH-ONCE`` kills only the first worker
that tries it (a file in ``$KUMA_TEST_FAULTS`` remembers), and one saying ``SLEEP``
never ends.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "mali-article.txt"
VOLATILE = ("created", "timings")
"""Manifest keys that change with every run (their date and durations)."""
SOURCE_DATE = "1767225600"
"""``SOURCE_DATE_EPOCH`` the tests set, so that books carry the same date in every run."""

FAULTY = '''
import os
import signal
import time
from pathlib import Path

from pipeline.translate.base import Translation


class Faulty:
    """Shouts; crashes or hangs when a document asks for it (see tests/batch_helpers.py)."""

    name = "faulty"
    needs_network = False

    def __init__(self, **options):
        self.options = options

    def languages(self):
        return {"fr", "ar", "bm"}

    def availability(self, lang):
        return None

    def translate(self, document, lang):
        text = " ".join(s.text for s in document.segments())
        if "CRASH-ONCE" in text:
            marker = Path(os.environ["KUMA_TEST_FAULTS"]) / document.title.replace(" ", "-")
            if not marker.exists():
                marker.write_text("crashed once")
                os.kill(os.getpid(), signal.SIGSEGV)
        elif "CRASH" in text:
            os.kill(os.getpid(), signal.SIGSEGV)
        if "SLEEP" in text:
            time.sleep(3600)
        texts = {s.id: s.text.upper() for s in document.segments()}
        return Translation(lang, texts, dict.fromkeys(texts, "faulty:1"), "faulty", "caps")
'''


def install_faulty(folder: Path) -> Path:
    """Write the ``faulty`` plugin (module and metadata) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kuma_faulty.py").write_text(FAULTY, encoding="utf-8")
    info = folder / "kuma_faulty-0.1.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: kuma-faulty\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[kuma.translators]\nfaulty = kuma_faulty:Faulty\n")
    return folder


def with_path(folder: Path) -> str:
    """``PYTHONPATH`` with ``folder`` first."""
    return os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH", "")) if p)


def paragraphs() -> list[str]:
    """The example article's paragraphs (its title and byline left out)."""
    blocks = [b.strip() for b in ARTICLE.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    return blocks[2:]


def write_documents(folder: Path, count: int, size: int = 2, offset: int = 0) -> list[Path]:
    """``count`` short English reports of ``size`` paragraphs each, with a title."""
    folder.mkdir(parents=True, exist_ok=True)
    body = paragraphs()
    paths = []
    for n in range(count):
        start = (offset + n * size) % (len(body) - size)
        text = f"Report {n + 1} on the north\n\n" + "\n\n".join(body[start : start + size])
        path = folder / f"report-{n + 1:02d}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def snapshot(out: Path) -> dict[str, Any]:
    """Every file of every package under ``out``: bytes, and manifests without their
    volatile keys.  The batch's own files (journal, index, summary) are left out."""
    found: dict[str, Any] = {}
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out)
        if not path.is_file() or len(relative.parts) < 2 or relative.parts[0].startswith("."):
            continue
        if path.name == "manifest.json":
            data = json.loads(path.read_text(encoding="utf-8"))
            found[str(relative)] = {k: v for k, v in data.items() if k not in VOLATILE}
        else:
            found[str(relative)] = path.read_bytes()
    return found


def leftovers(out: Path) -> list[str]:
    """Temporary files and commit markers anywhere under ``out``."""
    return sorted(
        str(p.relative_to(out)) for p in out.rglob("*")
        if p.name.endswith(".tmp") or p.name == ".kuma-commit.json"
        or p.name.endswith(("-journal", "-wal"))
    )
