"""Mastering a programme corrected in one sentence redoes one piece of it: long pauses end
on MP3 frame boundaries, the MP3 is encoded in pieces cut there that join into one stream
playing in time, the gain moves in steps, and each piece's encoding and true peak are
cached.  Checked against the whole programme encoded at once, decoded by libsndfile."""

from __future__ import annotations

import numpy as np
import pytest
from speech_checks import decoded, document, loudness, true_peak

from pipeline.document import BlockKind
from pipeline.speech import MasterSettings, Tags, master_audio, speak_document
from pipeline.speech import encode as encode_module
from pipeline.speech import loudness as loudness_module
from pipeline.speech.encode import PIECE_TRIM, _frames, _lame, mp3_pieces
from pipeline.speech.loudness import GAIN_STEP_DB, meet_targets
from pipeline.speech.loudness import true_peak as measured_peak
from pipeline.speech.programme import FRAME_ALIGN, PIECE_SILENCE, sound_cuts
from pipeline.storage import Cache

TAGS = Tags(title="Le chef du GSIM", lang="fr")
PARAGRAPHS = [
    "Le 25 juin 2016, Iyad Ag Ghaly a rencontré des groupes armés du nord du Mali.",
    "Plus de 158 000 personnes ont fui les combats, soit un quart de la population.",
    "Le budget atteint 3,5 milliards de francs CFA, selon le ministre des finances.",
    "Les négociations doivent reprendre la semaine prochaine à Alger, selon les médiateurs.",
]


def programme(changed: str | None = None) -> tuple[np.ndarray, int, dict]:
    """Four paragraphs under a title, spoken by espeak-ng; ``changed`` replaces the third
    (``p4.s1``).  The samples, their rate and when each segment starts and ends."""
    texts = PARAGRAPHS if changed is None else [*PARAGRAPHS[:2], changed, *PARAGRAPHS[3:]]
    items = [(BlockKind.TITLE, ["Le chef du GSIM en pourparlers secrets"])]
    items += [(BlockKind.PARAGRAPH, [text]) for text in texts]
    result = speak_document(document("fr", items))
    return result.samples, result.rate, result.timings


@pytest.fixture(scope="module")
def spoken() -> tuple[np.ndarray, int, dict]:
    return programme()


@pytest.fixture(scope="module")
def speech(spoken) -> tuple[np.ndarray, int]:
    return spoken[0], spoken[1]


@pytest.fixture(scope="module")
def corrected() -> tuple[np.ndarray, int]:
    samples, rate, _ = programme("Le budget atteint 3,5 milliards de francs CFA, a dit le "
                                 "ministre.")
    return samples, rate


def starts(timings: dict, rate: int) -> dict[str, int]:
    """The sample each segment starts at."""
    return {key: round(start * rate) for key, (start, _) in timings.items()}


def test_every_paragraph_starts_on_a_frame_boundary_and_is_a_cut(spoken):
    samples, rate, timings = spoken
    cuts = sound_cuts(samples)
    for key, start in starts(timings, rate).items():
        if key != "p1.s1":  # each paragraph after the title
            assert start % FRAME_ALIGN == 0 and start - FRAME_ALIGN in cuts
    for cut in cuts:
        sound = cut + FRAME_ALIGN
        assert sound % FRAME_ALIGN == 0 and samples[sound : sound + FRAME_ALIGN].any()
        assert not samples[sound - PIECE_SILENCE : sound].any()


def test_no_cut_without_a_long_silence_before_a_frame_boundary():
    noise = np.random.default_rng(0).normal(0, 0.1, 40 * FRAME_ALIGN).astype(np.float32)
    assert sound_cuts(noise) == []
    gap = noise.copy()
    gap[10 * FRAME_ALIGN - PIECE_SILENCE + 1 : 10 * FRAME_ALIGN + 5] = 0  # one sample short
    assert sound_cuts(gap) == []
    gap[10 * FRAME_ALIGN - PIECE_SILENCE] = 0  # the sound in frame 10 after a long silence
    assert sound_cuts(gap) == [9 * FRAME_ALIGN]
    gap[10 * FRAME_ALIGN : 11 * FRAME_ALIGN] = 0  # or in frame 11
    assert sound_cuts(gap) == [10 * FRAME_ALIGN]
    assert sound_cuts(np.zeros(0, np.float32)) == []


def test_the_pieces_join_into_the_whole_programme_in_time(speech):
    samples, rate = speech
    pieces = mp3_pieces(samples * 0.5, rate, 64)
    assert len(pieces) == len(sound_cuts(samples)) + 1 >= 5
    joined, _ = decoded(b"".join(pieces))
    whole, _ = decoded(_lame(samples * 0.5, rate, 64))
    assert len(joined) == len(whole)
    # The same audio at the same instants: what differs is the codec's own noise,
    # 30 dB and more under the speech (a piece one sample out of step would not be).
    error = np.sqrt(np.mean((joined - whole) ** 2))
    assert error < 0.03 * np.sqrt(np.mean(whole**2))
    bounds = [0, *sound_cuts(samples), len(samples)]
    for number, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
        if end < len(samples):
            assert _frames(pieces[number]) * 576 == end - start
        # Piece by piece too: one piece out of step would sound against the whole.
        block = slice(start, end)
        assert np.sqrt(np.mean((joined[block] - whole[block]) ** 2)) <= 0.05 * np.sqrt(
            np.mean(whole[block] ** 2))


def test_frames_are_counted_from_their_headers(speech):
    samples, rate = speech
    for bitrate, out in ((64, rate), (128, 44100)):
        data = _lame(np.resize(samples[:30000], 30000) * 0.5, out, bitrate)
        frame = 1152 if out >= 32000 else 576
        assert _frames(data) * frame == len(decoded(data)[0])
    assert _frames(b"\xff\xfb\x90") == -1 and _frames(b"ID3 not audio") == -1
    assert _frames(b"") == 0


def test_a_piece_that_does_not_come_out_whole_makes_the_programme_one_piece(speech, monkeypatch):
    samples, rate = speech
    monkeypatch.setattr(encode_module, "_frames", lambda data: -1)
    pieces = mp3_pieces(samples * 0.5, rate, 64)
    assert len(pieces) == 1 and pieces[0] == _lame(samples * 0.5, rate, 64)


def test_a_piece_is_encoded_once_wherever_it_falls(speech, corrected, tmp_path, monkeypatch):
    samples, rate = speech
    cache = Cache(tmp_path)
    first = mp3_pieces(samples * 0.5, rate, 64, cache)
    encoded = []
    real = encode_module._lame_pcm
    monkeypatch.setattr(encode_module, "_lame_pcm",
                        lambda *args: encoded.append(1) or real(*args))
    assert mp3_pieces(samples * 0.5, rate, 64, cache) == first
    assert encoded == []
    # The third paragraph corrected (and shorter): its piece alone is encoded again, and
    # the pieces after it are the same bytes though they now fall earlier.
    changed = mp3_pieces(corrected[0] * 0.5, rate, 64, cache)
    assert len(corrected[0]) != len(samples) and len(changed) == len(first)
    assert len(encoded) == 1 and len([p for p in changed if p not in first]) == 1


def test_the_true_peak_in_cached_parts_is_the_whole_ones(speech, corrected, tmp_path,
                                                         monkeypatch):
    samples, _ = speech
    loud = samples * np.float32(1.8)
    cache = Cache(tmp_path)
    assert measured_peak(loud, cache) == pytest.approx(measured_peak(loud), abs=1e-6)
    assert measured_peak(loud, cache) == pytest.approx(true_peak(loud.astype(np.float64)),
                                                       abs=0.05)
    oversampled = []
    real = loudness_module._peak
    monkeypatch.setattr(loudness_module, "_peak",
                        lambda part: oversampled.append(len(part)) or real(part))
    measured_peak(loud, cache)
    assert oversampled == []
    measured_peak(corrected[0] * np.float32(1.8), cache)
    assert len(oversampled) == 1  # the corrected paragraph


def test_the_gain_moves_in_steps_so_a_small_change_keeps_it(spoken, corrected):
    samples, rate, timings = spoken
    shaped, reached = meet_targets(samples, rate, -23.0, -1.8)
    assert reached == pytest.approx(-23.0, abs=GAIN_STEP_DB / 2 + 0.01)
    gain = 20 * np.log10(np.abs(shaped).max() / np.abs(samples).max())
    assert gain / GAIN_STEP_DB == pytest.approx(round(gain / GAIN_STEP_DB), abs=1e-3)
    fixed, _ = meet_targets(corrected[0], rate, -23.0, -1.8)
    # The paragraphs before the corrected one are the very same samples.
    cut = starts(timings, rate)["p4.s1"]
    assert np.array_equal(shaped[:cut], fixed[:cut])


def test_a_corrected_programme_masters_on_target_encoding_one_piece(speech, corrected,
                                                                    tmp_path, monkeypatch):
    samples, rate = speech
    cache = Cache(tmp_path)
    master_audio(samples, rate, MasterSettings(), TAGS, cache)
    encoded = []
    real = encode_module._lame_pcm
    monkeypatch.setattr(encode_module, "_lame_pcm",
                        lambda *args: encoded.append(1) or real(*args))
    mastered = master_audio(corrected[0], rate, MasterSettings(), TAGS, cache)
    assert len(encoded) == 1
    audio, decoded_rate = decoded(mastered.mp3)
    assert loudness(audio, decoded_rate) == pytest.approx(-23.0, abs=0.3)
    assert true_peak(audio) <= -1.0
    assert mastered.loudness_lufs == pytest.approx(loudness(audio, decoded_rate), abs=0.05)
    assert mastered.true_peak_dbtp == pytest.approx(true_peak(audio), abs=0.1)
    # The same as mastering it with no cache at all, byte for byte.
    assert mastered.mp3 == master_audio(corrected[0], rate, MasterSettings(), TAGS).mp3


def test_pieces_leave_room_for_the_trim():
    assert PIECE_SILENCE >= PIECE_TRIM + 2 * 576 and FRAME_ALIGN % 576 == 0
