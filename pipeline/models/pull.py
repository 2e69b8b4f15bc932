"""``kuma models pull``: the one place Kuma downloads a model, and only when asked.

The checkpoint goes to the Hugging Face cache (``HF_HUB_CACHE`` or ``HF_HOME``, read
when the pull starts), where ``kuma run`` finds it; a translation model is then
converted to CTranslate2 int8 when CTranslate2 is installed.  Offline (no route to
the hub, or ``HF_HUB_OFFLINE`` set) the pull fails at once with a one-line error
that says how to bring the model in by hand.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from pipeline.errors import KumaError
from pipeline.models.catalogue import CATALOGUE, KnownModel, known_model
from pipeline.models.checkpoint import inspect_checkpoint
from pipeline.models.convert import INSTALL_HINT, convert_model, not_convertible
from pipeline.models.locate import CT2_SUFFIX, hf_hub_cache, hf_snapshot, models_dir
from pipeline.models.store import StoredModel

IGNORED = ["*.h5", "*.msgpack", "*.ot", "*.onnx", "onnx/*", "tf_model*", "flax_model*", "*.md"]
"""Files other frameworks use: never needed here, often as large as the model."""


class DownloadError(KumaError):
    """A model could not be downloaded."""


@dataclass
class PullResult:
    """What ``kuma models pull`` did."""

    model: KnownModel
    """The catalogue entry pulled."""
    path: Path
    """The checkpoint folder in the Hugging Face cache."""
    downloaded: bool
    """False when it was already complete in the cache."""
    converted: StoredModel | None = None
    """The CTranslate2 conversion made now, if any."""
    note: str = ""
    """Why no conversion was made, when one could have been."""


def offline() -> bool:
    """``HF_HUB_OFFLINE`` (or ``TRANSFORMERS_OFFLINE``) set, read now, as the hub reads it."""
    value = os.environ.get("HF_HUB_OFFLINE") or os.environ.get("TRANSFORMERS_OFFLINE") or ""
    return value.strip().upper() in {"1", "ON", "YES", "TRUE"}


def _by_hand(model: KnownModel) -> str:
    return (
        "copy the model folder from another machine and run "
        f"`kuma models import PATH --name {model.alias}`"
    )


def download_error(model: KnownModel, reason: str) -> DownloadError:
    """The one-line error of a failed download, with the way to bring the model by hand."""
    return DownloadError(f"could not download {model.repo_id}: {reason} ({_by_hand(model)})")


def _known(name: str) -> KnownModel:
    model = known_model(name)
    if model is None:
        known = ", ".join(CATALOGUE)
        raise KumaError(
            f"unknown model {name!r} (known: {known}); for another model, copy its folder "
            "here and run `kuma models import PATH --name NAME`"
        )
    return model


@contextlib.contextmanager
def _progress_bars(show: bool) -> Iterator[None]:
    """The hub's per-file progress bars (on stderr), or none at all."""
    from huggingface_hub.utils import (
        are_progress_bars_disabled,
        disable_progress_bars,
        enable_progress_bars,
    )

    was_disabled = are_progress_bars_disabled()
    (enable_progress_bars if show else disable_progress_bars)()
    try:
        yield
    finally:
        (disable_progress_bars if was_disabled else enable_progress_bars)()


def download(model: KnownModel, show_progress: bool = True) -> Path:
    """Download ``model`` into the Hugging Face cache and return its snapshot folder."""
    if find_spec("huggingface_hub") is None:
        raise KumaError(
            f"downloading needs huggingface_hub, which is not installed: {INSTALL_HINT}"
        )
    if offline():
        raise download_error(model, "HF_HUB_OFFLINE is set")
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import GatedRepoError, RepositoryNotFoundError

    try:
        with _progress_bars(show_progress):
            folder = snapshot_download(
                model.repo_id,
                cache_dir=hf_hub_cache(),
                endpoint=os.environ.get("HF_ENDPOINT") or None,
                ignore_patterns=IGNORED,
            )
    except GatedRepoError:
        raise download_error(model, "the model hub asks for a login (`hf auth login`)") from None
    except RepositoryNotFoundError:
        raise download_error(model, "the model hub has no such repository") from None
    except Exception as exc:
        failure = _failure(model, exc)
        if failure is exc:
            raise
        raise failure from None
    return Path(folder)


_CONNECTION_ERRORS = {"LocalEntryNotFoundError", "TransportError", "ConnectionError", "Timeout"}
"""Class names (of the hub, httpx and requests) meaning the hub could not be reached."""


def _failure(model: KnownModel, exc: Exception) -> Exception:
    """The error to report for ``exc`` raised while downloading ``model``."""
    from huggingface_hub.errors import HfHubHTTPError

    if {cls.__name__ for cls in type(exc).__mro__} & _CONNECTION_ERRORS:
        return download_error(model, "no connection to the model hub")
    if isinstance(exc, HfHubHTTPError):
        status = exc.response.status_code if exc.response is not None else "?"
        return download_error(model, f"the model hub answered HTTP {status}")
    if isinstance(exc, OSError):  # disk full, permission denied in the cache
        return DownloadError(f"could not download {model.repo_id}: {exc}")
    return exc


def pull_model(
    name: str,
    convert: bool = True,
    show_progress: bool = True,
    report: Callable[[str], None] = lambda message: None,
) -> PullResult:
    """Make ``name`` (an alias, or ``ALIAS-ct2``) ready on this machine.

    Downloads what the cache lacks, checks it, and converts a translation model to
    CTranslate2 int8 when CTranslate2 is installed and ``convert`` is set (always
    for ``ALIAS-ct2``).
    """
    wants_ct2 = name.endswith(CT2_SUFFIX)
    model = _known(name.removesuffix(CT2_SUFFIX))
    if wants_ct2 and not model.convertible:
        raise not_convertible(model)
    cached = hf_snapshot(model.repo_id)
    if cached is not None and _complete(cached):
        report(f"{model.alias} is already in {hf_hub_cache()}")
        result = PullResult(model, cached, downloaded=False)
    else:
        size = f", about {model.size_mb / 1000:.1f} GB" if model.size_mb else ""
        report(f"downloading {model.alias} ({model.repo_id}{size}) into {hf_hub_cache()}")
        folder = download(model, show_progress)
        # a download cut short is an error now, not in the middle of a run
        inspect_checkpoint(folder, pull=model.alias)
        result = PullResult(model, folder, downloaded=True)
    if wants_ct2 or (convert and model.convertible):
        _convert(result, required=wants_ct2, show_progress=show_progress, report=report)
    return result


def _complete(folder: Path) -> bool:
    try:
        inspect_checkpoint(folder)
    except KumaError:
        return False
    return True


def _convert(
    result: PullResult, required: bool, show_progress: bool, report: Callable[[str], None]
) -> None:
    alias = result.model.alias
    if (models_dir() / f"{alias}{CT2_SUFFIX}").is_dir() and not result.downloaded:
        result.note = f"{alias}{CT2_SUFFIX} is already converted"
        return
    if find_spec("ctranslate2") is None and not required:
        result.note = f"CTranslate2 is not installed, so no int8 conversion ({INSTALL_HINT})"
        return
    result.converted = convert_model(alias, show_progress=show_progress, report=report)
