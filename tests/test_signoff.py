"""Sign-off flows into every publication: a kit reviewed in full makes its language
"reviewed by a person" in the HTML page, the EPUB's metadata, the read-aloud script and
the MP3's comment; a named approval makes the EPUBs claim conformance; readers'
checking ends the easy-to-read draft.  Until then each publication says what it is.

The package is the example in French, spoken by espeak-ng; its clips are cached once
for the module, so that each sign-off re-renders in seconds.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from pipeline.cli import cli
from pipeline.document import Document

ROOT = Path(__file__).resolve().parent.parent
XLF = "urn:oasis:names:tc:xliff:document:2.0"
NS = {"x": XLF}
APPROVER = "Awa Traoré"
HUMAN = "Traduction faite par une personne, pas encore relue."
MACHINE = "Traduction automatique, pas encore relue par une personne."
REVIEWED = "Traduction relue par une personne ({day})."
DRAFT = "Version facile à lire en brouillon, pas encore vérifiée par des lecteurs."
CHECKED = "Version facile à lire vérifiée par des lecteurs ({who})."


@pytest.fixture(scope="module")
def cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def shared_cache(cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test re-renders from the same cached clips."""
    monkeypatch.setenv("KUMA_CACHE", str(cache_folder))


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, cache_folder: Path) -> Path:
    out = tmp_path_factory.mktemp("run")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KUMA_CACHE", str(cache_folder))
        result = CliRunner().invoke(cli, [
            "run", str(ROOT / "examples" / "mali-article.txt"), "--lang", "fr",
            "--translations", str(ROOT / "examples" / "translations" / "fr.xliff"),
            "--out", str(out), "-q",
        ])
    assert result.exit_code == 0, result.output
    return out / "mali-article"


@pytest.fixture
def package(made: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(made, tmp_path / "out" / "mali-article"))


def kuma(*args: str) -> str:
    result = CliRunner().invoke(cli, [*args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


# -- what each publication says ------------------------------------------------------------


def page_notes(package: Path, name: str) -> str:
    """The status sentences under the title of an HTML page or script."""
    root = etree.HTML((package / name).read_bytes())
    return " ".join(" ".join(p.itertext()) for p in root.xpath("//p[@class='review']"))


def book_metadata(package: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(package / name) as book:
        return etree.fromstring(book.read("EPUB/package.opf"))


def book_notes(package: Path, name: str) -> str:
    found = book_metadata(package, name).xpath(
        "//dc:description/text()", namespaces={"dc": "http://purl.org/dc/elements/1.1/"})
    return " ".join(found)


def mp3_comment(package: Path, name: str) -> str:
    from mutagen.id3 import ID3

    comments = [str(frame) for key, frame in ID3(package / name).items() if key.startswith("COMM")]
    assert len(comments) == 1
    return comments[0]


PUBLICATIONS = [
    ("HTML", "fr/article.html", page_notes),
    ("EPUB", "fr/article.epub", book_notes),
    ("script", "fr/script.html", page_notes),
]


def says(package: Path, sentence: str) -> dict[str, bool]:
    """Whether each publication of the French article says ``sentence``."""
    return {kind: sentence in read(package, name) for kind, name, read in PUBLICATIONS}


def everywhere(value: bool) -> dict[str, bool]:
    return {kind: value for kind, _, _ in PUBLICATIONS}


def claims(package: Path, name: str) -> dict[str, str]:
    """The EPUB's conformance claim: ``{property: value}`` for conformsTo and certifiedBy."""
    metadata = book_metadata(package, name)
    found = metadata.xpath("//opf:meta[@property='dcterms:conformsTo' or "
                           "@property='a11y:certifiedBy']",
                           namespaces={"opf": "http://www.idpf.org/2007/opf"})
    return {m.get("property"): m.text for m in found}


def manifest(package: Path) -> dict:
    return json.loads((package / "manifest.json").read_text("utf-8"))


# -- editing a kit as a translator's tool would ----------------------------------------------


def reviewed_kit(package: Path, tmp_path: Path, states: str = "final", leave: str = "") -> Path:
    """The package's French kit as a CAT tool returns it: every segment in ``states`` (but
    ``leave``, kept ``translated``), units in reverse order, the tool's own namespace and
    elements, and inline markup (<pc>, <ph>, <mrk>) around the targets' words."""
    root = etree.fromstring((package / "review" / "fr.xliff").read_bytes())
    tool = "urn:example:cat-tool"
    etree.register_namespace("cat", tool)
    root.set(f"{{{tool}}}project", "Mali 2026")
    for segment in root.iter(f"{{{XLF}}}segment"):
        unit_id = segment.getparent().get("id")
        segment.set("state", "translated" if unit_id == leave else states)
        _markup(segment.find(f"{{{XLF}}}target"))
    file = root.find(f"{{{XLF}}}file")
    units = list(root.iter(f"{{{XLF}}}unit"))
    for group in file.findall(f"{{{XLF}}}group"):
        file.remove(group)
    for unit in reversed(units):  # ungrouped and reordered
        extra = etree.Element(f"{{{tool}}}match", score="100")
        unit.insert(0, extra)
        file.append(unit)
    path = tmp_path / "fr-reviewed.xliff"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return path


def _markup(target: etree._Element) -> None:
    """Wrap the target's first word in <pc>, put a <ph/> after it and the rest in <mrk>."""
    text = target.text or ""
    first, _, rest = text.partition(" ")
    target.text = ""
    pc = etree.SubElement(target, f"{{{XLF}}}pc", id="pc1")
    pc.text = first
    ph = etree.SubElement(target, f"{{{XLF}}}ph", id="ph1")
    ph.tail = " "
    mrk = etree.SubElement(target, f"{{{XLF}}}mrk", id="m1", type="comment", value="ok")
    mrk.text = rest


# -- tests ---------------------------------------------------------------------------------


def test_an_unreviewed_human_translation_says_so_everywhere(package):
    assert says(package, HUMAN) == everywhere(True)
    assert mp3_comment(package, "fr/article.mp3").startswith(
        "Made by Kuma 0.1.0: translated by a person from English into French, "
        "not reviewed by a person, spoken by")
    assert claims(package, "fr/article.epub") == {}


def test_a_machine_translation_says_so_everywhere(package):
    path = package / "fr" / "article.json"
    doc = Document.from_json(path.read_text("utf-8"))
    machine = doc.with_texts("fr", {s.id: s.text for s in doc.segments()}, "nllb:600m")
    path.write_text(machine.to_json(), encoding="utf-8")
    kuma("publish", str(package), "-q")
    assert says(package, MACHINE) == everywhere(True)
    assert "machine-translated from English into French, not reviewed by a person" in (
        mp3_comment(package, "fr/article.mp3"))


def test_a_kit_reviewed_in_full_by_a_cat_tool_makes_the_language_reviewed(package, tmp_path):
    kuma("xliff", "import", str(reviewed_kit(package, tmp_path)), "--into", str(package),
         "--no-memory", "-q")
    entry = manifest(package)["languages"]["fr"]
    assert set(entry["states"].values()) == {"final"}
    day = entry["reviewed"]["date"]
    assert says(package, REVIEWED.format(day=day)) == everywhere(True)
    assert says(package, HUMAN) == everywhere(False)
    assert f"reviewed by a person ({day})" in mp3_comment(package, "fr/article.mp3")
    assert REVIEWED.format(day=day) in page_notes(package, "fr/easy.html")
    # The kit the package writes again keeps the states, in the article's order.
    kit = etree.fromstring((package / "review" / "fr.xliff").read_bytes())
    assert set(kit.xpath("//x:segment/@state", namespaces=NS)) == {"final"}
    assert kit.xpath("//x:unit/@id", namespaces=NS)[:2] == ["p1.s1", "p2.s1"]
    # And the review reports it.
    data = json.loads(kuma("review", str(package), "--json", "-q"))
    assert data["languages"]["fr"]["status"][0] == f"Translation reviewed by a person ({day})."


def test_one_segment_left_unreviewed_keeps_the_language_unreviewed(package, tmp_path):
    kit = reviewed_kit(package, tmp_path, states="reviewed", leave="p7.s1")
    kuma("xliff", "import", str(kit), "--into", str(package), "--no-memory", "-q")
    entry = manifest(package)["languages"]["fr"]
    assert entry["states"]["p7.s1"] == "translated" and "reviewed" not in entry
    assert says(package, HUMAN) == everywhere(True)
    assert "not reviewed by a person" in mp3_comment(package, "fr/article.mp3")
    kit = etree.fromstring((package / "review" / "fr.xliff").read_bytes())
    assert kit.xpath("//x:unit[@id='p7.s1']/x:segment/@state", namespaces=NS) == ["translated"]
    assert kit.xpath("//x:unit[@id='p8.s1']/x:segment/@state", namespaces=NS) == ["reviewed"]


def test_a_reviewed_and_approved_package_says_so_in_every_publication(package, tmp_path):
    kuma("xliff", "import", str(reviewed_kit(package, tmp_path)), "--into", str(package),
         "--no-memory", "-q")
    output = kuma("review", str(package), "--approve", "--by", APPROVER, "-q")
    assert f"signed: accessibility approved by {APPROVER}" in output
    record = manifest(package)
    day = record["languages"]["fr"]["reviewed"]["date"]
    assert record["approval"]["by"] == APPROVER and len(record["approval"]["date"]) == 10
    for book in ("fr/article.epub", "fr/easy.epub", "source/article.epub", "source/easy.epub"):
        assert claims(package, book) == {
            "dcterms:conformsTo": "EPUB Accessibility 1.1 - WCAG 2.2 Level AA",
            "a11y:certifiedBy": APPROVER,
        }
    assert says(package, REVIEWED.format(day=day)) == everywhere(True)
    assert f"reviewed by a person ({day})" in mp3_comment(package, "fr/article.mp3")
    report = (package / "review" / "report.html").read_text("utf-8")
    assert f"Accessibility approved by {APPROVER} on {record['approval']['date']}" in report


def test_readers_checking_an_easy_version_ends_its_draft(package):
    assert DRAFT in page_notes(package, "fr/easy.html")
    kuma("review", str(package), "--easy-checked", "fr", "--by", APPROVER, "-q")
    who = f"{APPROVER}, {manifest(package)['readers']['fr']['date']}"
    assert DRAFT not in page_notes(package, "fr/easy.html")
    assert CHECKED.format(who=who) in page_notes(package, "fr/easy.html")
    assert CHECKED.format(who=who) in book_notes(package, "fr/easy.epub")
    assert f"checked by readers ({who})" in mp3_comment(package, "fr/easy.mp3")
    # The original's easy version was not checked: it stays a draft, and nothing is certified.
    assert "Easy-to-read draft, not yet checked by readers." in page_notes(
        package, "source/easy.html")
    assert "not yet checked by readers" in mp3_comment(package, "source/easy.mp3")
    assert claims(package, "fr/easy.epub") == {}


def test_a_new_run_of_the_same_text_keeps_the_review_and_the_kit_states(package, tmp_path):
    kuma("xliff", "import", str(reviewed_kit(package, tmp_path)), "--into", str(package),
         "--no-memory", "-q")
    day = manifest(package)["languages"]["fr"]["reviewed"]["date"]
    kuma("run", str(ROOT / "examples" / "mali-article.txt"), "--lang", "fr", "--translations",
         str(ROOT / "examples" / "translations" / "fr.xliff"), "--out", str(package.parent),
         "--no-memory", "-q")
    kit = etree.fromstring((package / "review" / "fr.xliff").read_bytes())
    assert set(kit.xpath("//x:segment/@state", namespaces=NS)) == {"final"}
    assert says(package, REVIEWED.format(day=day)) == everywhere(True)
