"""The offline embedder: it loads without any network, and its vectors put related texts together."""

from __future__ import annotations

import asyncio
import math
import socket
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from skillgap.embedding.embedder import MODEL_FILES, SESSION_CONFIG, Embedder, packaged_model_dir
from skillgap.errors import Unavailable
from tests.fixtures.documents import make_resume_text

BACKEND_JOB = (
    "We are hiring a backend engineer to build Python and Go microservices running on Kubernetes, "
    "with PostgreSQL, Kafka and Terraform. You will own APIs, on-call and observability."
)
NURSE_JOB = (
    "Registered nurse wanted for our paediatric ward. You will care for children and their families, "
    "give medication, keep patient records and work rotating shifts with the clinical team."
)


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


def norm(vector: Sequence[float]) -> float:
    return math.sqrt(sum(x * x for x in vector))


def _no_network(*args: Any, **kwargs: Any) -> None:
    raise AssertionError(f"the embedder tried to reach the network: {args!r}")


@pytest.fixture(scope="module")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def embedder(model_cache: Path) -> Iterator[Embedder]:
    """Loaded once per module (it takes a while), with every way out to the network cut."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        patch.setattr(socket.socket, "connect", _no_network)
        patch.setattr(socket, "create_connection", _no_network)
        patch.setattr(socket, "getaddrinfo", _no_network)
        import huggingface_hub

        patch.setattr(huggingface_hub, "snapshot_download", _no_network)
        patch.setattr(huggingface_hub, "hf_hub_download", _no_network)
        loaded = Embedder(cache_dir=model_cache)
    yield loaded


def test_model_shape(embedder: Embedder) -> None:
    assert embedder.dimensions == 384
    assert embedder.model_name == "sentence-transformers/all-MiniLM-L6-v2"
    [vector] = embedder.embed_documents(["Python developer"])
    assert len(vector) == 384
    assert all(isinstance(x, float) for x in vector)


def test_related_texts_are_closer_than_unrelated_ones(embedder: Embedder) -> None:
    python_a, python_b, baking = embedder.embed_documents(
        [
            "Senior Python developer building REST APIs with FastAPI and PostgreSQL",
            "Backend engineer writing Python web services backed by a Postgres database",
            "I bake sourdough bread and croissants every weekend",
        ]
    )
    assert cosine(python_a, python_b) > cosine(python_a, baking) + 0.3


def test_a_resume_is_closer_to_a_matching_job_than_to_an_unrelated_one(embedder: Embedder) -> None:
    resume = embedder.embed_document(make_resume_text())
    backend, nurse = embedder.embed_documents([BACKEND_JOB, NURSE_JOB])
    assert cosine(resume, backend) > cosine(resume, nurse) + 0.2


def test_vectors_are_unit_length(embedder: Embedder) -> None:
    vectors = embedder.embed_documents(["Kubernetes", "", "Go " * 500])
    assert len(vectors) == 3
    for vector in vectors:
        assert norm(vector) == pytest.approx(1.0, abs=1e-4)
    assert embedder.embed_documents([]) == []


def test_long_document_is_chunked_and_unit_length(embedder: Embedder) -> None:
    text = " ".join(make_resume_text(seed=seed) for seed in range(12))
    words = text.split()[:1200]
    assert len(words) == 1200
    document = " ".join(words)
    assert sum(tokens for _, tokens in embedder.chunk(document)) < embedder.max_tokens + 10 * 32

    chunks = embedder.chunk(document)
    assert len(chunks) > 5
    assert all(tokens <= 254 for _, tokens in chunks)
    assert chunks[0][0].startswith(words[0]) and chunks[-1][0].endswith(words[-1])

    vector = embedder.embed_document(document)
    assert len(vector) == 384
    assert norm(vector) == pytest.approx(1.0, abs=1e-5)
    # The whole text counts, not only its first 256 tokens.
    assert cosine(vector, embedder.embed_documents([document])[0]) < 0.999


def test_only_the_first_tokens_of_a_long_document_are_embedded(embedder: Embedder) -> None:
    """A 200,000-character upload costs what its first `max_tokens` tokens cost, not 36 s of model runs."""
    paragraph = " ".join(make_resume_text(seed=seed) for seed in range(6))
    document = (paragraph + "\n") * (200_000 // len(paragraph) + 1)
    chunks = embedder.chunk(document[:200_000])
    window, overlap = 254, 32
    assert len(chunks) <= math.ceil((embedder.max_tokens - window) / (window - overlap)) + 1
    covered = sum(tokens for _, tokens in chunks) - overlap * (len(chunks) - 1)
    assert covered == embedder.max_tokens
    # The vector is the one of the text's beginning: what the README says is embedded.
    end = document.index(chunks[-1][0]) + len(chunks[-1][0])
    assert cosine(embedder.embed_document(document), embedder.embed_document(document[:end])) > 0.9999
    # Hostile text: one token per character.
    assert len(embedder.chunk("<" * 100_000)) == len(chunks)


def test_memory_is_given_back_after_concurrent_long_embeddings(embedder: Embedder) -> None:
    """onnxruntime's arena kept the peak of every concurrent run: five long uploads at once took a server from
    380 MiB to 2.8 GiB for good. Without it, memory returns to where it was."""
    assert embedder.cpu_memory_arena is False
    document = " ".join(make_resume_text(seed=seed) for seed in range(8))

    def rss_mib() -> float:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * 4096 / 2**20

    async def five_at_once() -> None:
        await asyncio.gather(*(embedder.aembed_document(f"{document} {i}") for i in range(5)))

    asyncio.run(five_at_once())  # the first round settles the allocator and thread stacks
    before = rss_mib()
    for _ in range(2):
        asyncio.run(five_at_once())
    grown = rss_mib() - before
    assert grown < 100, f"resident memory grew {grown:.0f} MiB over 10 long embeddings"


def test_short_document_is_one_chunk(embedder: Embedder) -> None:
    text = "Go and Kubernetes platform engineer"
    [(chunk, tokens)] = embedder.chunk(text)
    assert chunk == text
    assert 5 <= tokens <= 10
    assert cosine(embedder.embed_document(text), embedder.embed_documents([text])[0]) == pytest.approx(1.0)


def test_empty_document_is_refused(embedder: Embedder) -> None:
    with pytest.raises(ValueError, match="empty"):
        embedder.embed_document(" \n ")


async def test_async_embedding_leaves_the_event_loop_free(embedder: Embedder) -> None:
    ticks = 0
    stop = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            await asyncio.sleep(0.005)

    task = asyncio.create_task(ticker())
    texts = [make_resume_text(seed=seed) for seed in range(12)]
    vectors = await embedder.aembed_documents(texts)
    document = await embedder.aembed_document(texts[0])
    stop.set()
    await task

    assert len(vectors) == 12 and len(document) == 384
    assert ticks >= 10


def test_the_cores_go_idle_as_soon_as_a_text_is_embedded(embedder: Embedder) -> None:
    """onnxruntime's default is to spin-wait after every run: about 25 ms of CPU in the next 50 ms here, taken
    from the event loop and the next interview answer. The embedder turns that off."""
    text = "I would profile the slow path first and look at the query plan for sequential scans. " * 4
    embedder.embed_document(text)
    after: list[float] = []
    for _ in range(5):
        embedder.embed_document(text)
        started = time.process_time()
        time.sleep(0.05)
        after.append(time.process_time() - started)
    assert embedder.session_config == SESSION_CONFIG
    assert sorted(after)[2] < 0.005, f"CPU seconds used in the 50 ms after each run: {after}"


def test_model_directory_is_assembled_once_and_shared(embedder: Embedder, model_cache: Path) -> None:
    model_dir = embedder.model_dir
    assert model_dir.parent == model_cache
    assert sorted(p.name for p in model_dir.iterdir()) == sorted(MODEL_FILES)
    assert packaged_model_dir(model_cache) == model_dir


def test_a_dangling_model_link_is_rebuilt(tmp_path: Path) -> None:
    model_dir = packaged_model_dir(tmp_path)
    onnx = model_dir / "model.onnx"
    onnx.unlink()
    onnx.symlink_to(tmp_path / "moved-virtualenv" / "model.onnx")
    assert not onnx.exists()

    rebuilt = packaged_model_dir(tmp_path)
    assert rebuilt == model_dir
    assert (rebuilt / "model.onnx").stat().st_size > 20_000_000
    assert [p.name for p in tmp_path.iterdir()] == [model_dir.name]  # no staging left behind


def test_a_local_model_directory_can_replace_the_packaged_one(embedder: Embedder, tmp_path: Path) -> None:
    local = Embedder(cache_dir=tmp_path, model_path=embedder.model_dir)
    assert local.model_dir == embedder.model_dir
    assert cosine(local.embed_documents(["Go"])[0], embedder.embed_documents(["Go"])[0]) == pytest.approx(1.0)


def test_an_incomplete_model_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "model.onnx").write_bytes(b"")
    with pytest.raises(Unavailable) as caught:
        Embedder(cache_dir=tmp_path / "cache", model_path=tmp_path / "model")
    assert caught.value.reason == "EMBEDDING_MODEL_UNAVAILABLE"
    assert "SKILLGAP_EMBEDDING_MODEL_PATH" in caught.value.message
    assert "tokenizer.json" in caught.value.message


def test_a_model_that_is_not_packaged_needs_a_path(tmp_path: Path) -> None:
    with pytest.raises(Unavailable, match="SKILLGAP_EMBEDDING_MODEL_PATH"):
        Embedder(cache_dir=tmp_path, model_name="BAAI/bge-small-en-v1.5")
    with pytest.raises(Unavailable, match="not a model fastembed supports"):
        Embedder(cache_dir=tmp_path, model_name="nobody/no-such-model")

