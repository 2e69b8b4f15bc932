"""Captions: WebVTT and SRT that parse, one cue per spoken segment, timed from synthesis,
right-to-left lines for Arabic."""

from __future__ import annotations

import webvtt
from speech_checks import document

from pipeline.document import BlockKind
from pipeline.speech import render_srt, render_vtt, speak_document
from pipeline.speech.captions import RLM
from pipeline.speech.outputs import shifted


def _seconds(clock: str) -> float:
    hours, minutes, seconds = clock.replace(",", ".").split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def test_webvtt_parses_with_one_cue_per_segment():
    doc = document("fr")
    result = speak_document(doc)
    captions = webvtt.from_string(render_vtt(doc, result.timings))
    assert [c.identifier for c in captions] == [s.id for s in doc.segments()]
    assert [c.text for c in captions] == [s.text for s in doc.segments()]
    for cue in captions:
        start, end = result.timings[cue.identifier]
        assert _seconds(cue.start) == round(start, 3) and _seconds(cue.end) == round(end, 3)


def test_srt_parses_with_the_same_cues(tmp_path):
    doc = document("fr")
    result = speak_document(doc)
    path = tmp_path / "article.srt"
    path.write_text(render_srt(doc, result.timings), encoding="utf-8")
    captions = webvtt.from_srt(str(path))
    assert [c.text for c in captions] == [s.text for s in doc.segments()]
    assert render_srt(doc, result.timings).startswith("1\n00:00:00,300 --> 00:00:")


def test_arabic_lines_start_right_to_left():
    doc = document("ar")
    result = speak_document(doc)
    vtt = render_vtt(doc, result.timings)
    captions = webvtt.from_string(vtt)
    assert all(c.text.startswith(RLM) for c in captions)
    # the cue that starts with a Latin acronym is still laid out right to left
    assert captions[2].text == RLM + "GSIM جماعة مسلحة، وفرّ أكثر من 158,000 شخص."
    assert "NOTE language: ar, direction: rtl" in vtt
    assert all(line.startswith(RLM) for line in render_srt(doc, result.timings).split("\n")
               if line and not line[0].isdigit())


def test_cue_text_is_escaped_for_webvtt():
    doc = document("en", [(BlockKind.PARAGRAPH, ["Profits <up> & costs --> down."])])
    vtt = render_vtt(doc, {"p1.s1": (0.5, 2.0)})
    assert "Profits &lt;up&gt; &amp; costs --&gt; down." in vtt
    assert webvtt.from_string(vtt)[0].text == "Profits &lt;up&gt; &amp; costs --&gt; down."


def test_unspoken_segments_have_no_cue_and_the_opening_line_has_one():
    doc = document("fr", [(BlockKind.PARAGRAPH, ["Bonjour.", "🙂", "Au revoir."])])
    result = speak_document(doc, opening="Ceci est une traduction.")
    captions = webvtt.from_string(render_vtt(doc, result.timings, "Ceci est une traduction."))
    assert [c.identifier for c in captions] == ["opening", "p1.s1", "p1.s3"]
    assert captions[0].text == "Ceci est une traduction."


def test_long_programmes_count_hours():
    doc = document("fr", [(BlockKind.PARAGRAPH, ["Fin."])])
    vtt = render_vtt(doc, {"p1.s1": (3723.4567, 3725.0)})
    assert "01:02:03.457 --> 01:02:05.000" in vtt


def test_captions_follow_the_codec_delay():
    assert shifted({"p1.s1": (1.0, 2.0)}, 0.05) == {"p1.s1": (1.05, 2.05)}
