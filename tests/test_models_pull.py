"""``kuma models pull`` offline: clear errors, no network, nothing downloaded twice."""

from __future__ import annotations

from pathlib import Path

import huggingface_hub
import pytest
from model_folders import isolate, make_hub_entry

from pipeline.errors import KumaError, ModelMissingError
from pipeline.models import pull as pull_module
from pipeline.models.pull import DownloadError, offline, pull_model

BY_HAND = "copy the model folder from another machine and run `kuma models import PATH --name {}`"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The (empty) hub cache of an isolated machine."""
    return isolate(monkeypatch, tmp_path)[1]


@pytest.fixture
def no_download(monkeypatch: pytest.MonkeyPatch, no_network: None) -> None:
    """Fail the test if anything tries to download (or to open any connection)."""

    def forbidden(*args: object, **kwargs: object) -> str:
        raise AssertionError("snapshot_download was called")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", forbidden)


@pytest.mark.parametrize(
    "value, expected",
    [("1", True), ("true", True), ("ON", True), ("yes", True), ("0", False), ("", False)],
)
def test_offline_is_read_when_asked(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: bool
) -> None:
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", value)
    assert offline() is expected


def test_offline_mode_fails_at_once_without_touching_the_network(
    cache: Path, no_download: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(DownloadError) as caught:
        pull_model("nllb-600m")
    assert str(caught.value) == (
        "could not download facebook/nllb-200-distilled-600M: HF_HUB_OFFLINE is set "
        f"({BY_HAND.format('nllb-600m')})"
    )


def test_an_unreachable_hub_is_a_one_line_error(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Port 9 (discard) on the loopback refuses the connection at once: no real network.
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    with pytest.raises(DownloadError) as caught:
        pull_model("nllb-600m", convert=False, show_progress=False)
    assert str(caught.value) == (
        "could not download facebook/nllb-200-distilled-600M: no connection to the model hub "
        "(copy the model folder from another machine and run "
        "`kuma models import PATH --name nllb-600m`)"
    )
    assert not list(cache.glob("models--*/snapshots/*/*"))


def test_a_complete_cached_model_is_not_downloaded_again(
    cache: Path, no_download: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    snapshot = make_hub_entry(cache, "facebook/mms-tts-bam", "mms")
    messages: list[str] = []
    result = pull_model("mms-tts-bam", report=messages.append)
    assert (result.path, result.downloaded, result.converted) == (snapshot, False, None)
    assert messages == [f"mms-tts-bam is already in {cache}"]


def test_an_incomplete_cached_model_is_downloaded_again(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_hub_entry(cache, "facebook/mms-tts-bam", "mms", without=("vocab.json",))
    calls: list[dict[str, object]] = []

    def fake_download(repo_id: str, **kwargs: object) -> str:
        calls.append({"repo_id": repo_id, **kwargs})
        snapshot = make_hub_entry(Path(str(kwargs["cache_dir"])) / "fresh", repo_id, "mms")
        return str(snapshot)

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_download)
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    result = pull_model("mms-tts-bam", show_progress=False)
    assert result.downloaded
    assert calls[0]["repo_id"] == "facebook/mms-tts-bam"
    assert calls[0]["cache_dir"] == cache  # HF_HOME read now, not when the hub was imported
    assert calls[0]["endpoint"] == "http://127.0.0.1:9"


def test_a_download_cut_short_is_reported_now(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def partial(repo_id: str, **kwargs: object) -> str:
        return str(make_hub_entry(cache, repo_id, "marian", without=("vocab.json",)))

    monkeypatch.setattr(huggingface_hub, "snapshot_download", partial)
    with pytest.raises(ModelMissingError) as caught:
        pull_model("opus-mt-en-fr", convert=False, show_progress=False)
    assert str(caught.value).endswith(
        "has no vocab.json (tokenizer file missing): run `kuma models pull opus-mt-en-fr`"
    )


def test_other_failures_keep_their_cause(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(repo_id: str, **kwargs: object) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", disk_full)
    with pytest.raises(DownloadError) as caught:
        pull_model("opus-mt-en-fr", convert=False, show_progress=False)
    assert str(caught.value) == (
        "could not download Helsinki-NLP/opus-mt-en-fr: [Errno 28] No space left on device"
    )


def test_an_unknown_name(cache: Path, no_download: None) -> None:
    with pytest.raises(KumaError) as caught:
        pull_model("gpt-5")
    assert str(caught.value) == (
        "unknown model 'gpt-5' (known: nllb-600m, nllb-1.3b, nllb-3.3b, opus-mt-en-fr, "
        "opus-mt-en-ar, mms-tts-bam, mms-tts-fra, mms-tts-ara); for another model, copy "
        "its folder here and run `kuma models import PATH --name NAME`"
    )


def test_a_voice_has_no_ct2_conversion(cache: Path, no_download: None) -> None:
    with pytest.raises(KumaError) as caught:
        pull_model("mms-tts-fra-ct2")
    assert str(caught.value) == (
        "mms-tts-fra is a voice (mms): CTranslate2 converts translation models only"
    )


def test_without_ctranslate2_the_pull_says_why_nothing_was_converted(
    cache: Path, no_download: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_hub_entry(cache, "Helsinki-NLP/opus-mt-en-ar", "marian")
    real = pull_module.find_spec
    monkeypatch.setattr(
        pull_module, "find_spec", lambda name: None if name == "ctranslate2" else real(name)
    )
    result = pull_model("opus-mt-en-ar")
    assert result.converted is None
    assert result.note == (
        "CTranslate2 is not installed, so no int8 conversion (pip install 'kuma[mt]')"
    )


def test_progress_bars_are_restored(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from huggingface_hub.utils import are_progress_bars_disabled

    seen: list[bool] = []

    def watch(repo_id: str, **kwargs: object) -> str:
        seen.append(are_progress_bars_disabled())
        return str(make_hub_entry(cache, repo_id, "mms"))

    monkeypatch.setattr(huggingface_hub, "snapshot_download", watch)
    before = are_progress_bars_disabled()
    pull_model("mms-tts-ara", show_progress=False)
    assert seen == [True]
    assert are_progress_bars_disabled() is before
