"""The jobs' approximate (HNSW) index for the embedded store, built without stopping search.

qdrant-edge searches a shard exactly until `EdgeShard.optimize()` builds HNSW segments. That call blocks the
shard, and the Python interpreter with it (the binding keeps the GIL), for minutes at 100k jobs and more at a
million: run in the server, it would stop every request. So `EdgeStore` builds the index on a copy, in a child
process (this module's `main`), while it keeps serving from the live shard and records the writes made
meanwhile; it then loads the copy, replays those writes onto it and switches to it. Which folder holds a
collection's live shard is written in `<edge>/<collection>.current` (absent: the folder named like the
collection, as earlier releases laid it out), replaced atomically, so a crash at any point leaves one complete
shard in use; the next open deletes the folders no pointer names.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from qdrant_edge import Distance, EdgeConfig, EdgeShard, EdgeVectorParams, HnswIndexConfig

log = logging.getLogger(__name__)

# Qdrant's defaults, written down because the search's ef (store.search_ef) was tuned against them.
HNSW_M = 16
HNSW_EF_CONSTRUCT = 100
# Below this size (KB of vectors) a filtered search scores the points the filter selects exactly instead of
# walking the graph (Qdrant's default; about 6,500 of our 384-dimension vectors).
HNSW_FULL_SCAN_KB = 10_000
# The child runs at this niceness: the server's requests come first.
CHILD_NICENESS = 10
_POINTER_SUFFIX = ".current"


def shard_config(dimensions: int, *, durable: bool) -> EdgeConfig:
    """The configuration every shard of the store is created and loaded with."""
    return EdgeConfig(
        vectors=EdgeVectorParams(size=dimensions, distance=Distance.Cosine),
        hnsw_config=HnswIndexConfig(m=HNSW_M, ef_construct=HNSW_EF_CONSTRUCT, full_scan_threshold=HNSW_FULL_SCAN_KB),
        # A temporary store has nothing to recover after a crash. None keeps the engine's default
        # (enabled); the setting is fixed when a shard is created, and loading with another fails.
        wal_enabled=None if durable else False,
    )


def live_directory(edge_dir: Path, collection: str) -> Path:
    """The folder of the collection's live shard."""
    try:
        name = (edge_dir / f"{collection}{_POINTER_SUFFIX}").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return edge_dir / collection
    return edge_dir / name


def next_directory(edge_dir: Path, collection: str) -> Path:
    """A new folder for the next shard of the collection (not yet created)."""
    edge_dir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{collection}.", dir=edge_dir))


def switch_directory(edge_dir: Path, collection: str, directory: Path) -> None:
    """Make `directory` the collection's live shard, atomically."""
    pointer = edge_dir / f"{collection}{_POINTER_SUFFIX}"
    staged = pointer.with_name(pointer.name + ".new")
    staged.write_text(directory.name, encoding="utf-8")
    with staged.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(staged, pointer)


def remove_stale_directories(edge_dir: Path, collection: str) -> None:
    """Delete the collection's shard folders no pointer names (left by an interrupted build or switch)."""
    live = live_directory(edge_dir, collection)
    for folder in edge_dir.glob(f"{collection}.*"):
        if folder.is_dir() and folder != live:
            shutil.rmtree(folder, ignore_errors=True)
    if live.name != collection and (edge_dir / collection).is_dir():
        shutil.rmtree(edge_dir / collection, ignore_errors=True)


def copy_shard(source: Path, target: Path) -> None:
    """A copy of a flushed shard that nothing writes to meanwhile."""
    shutil.copytree(source, target, dirs_exist_ok=True)


async def build_index(directory: Path, dimensions: int, *, durable: bool, niceness: int = CHILD_NICENESS) -> None:
    """Build the HNSW segments of the shard in `directory` (closed, not the live one) in a child process at
    `niceness`; RuntimeError with its output when it fails."""
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        __name__,
        str(directory),
        str(dimensions),
        "durable" if durable else "temporary",
        str(niceness),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        output, _ = await child.communicate()
    except BaseException:
        if child.returncode is None:
            child.kill()
            await child.wait()
        raise
    if child.returncode != 0:
        raise RuntimeError(f"building the index in {directory} failed ({child.returncode}): {output.decode()[-2000:]}")


def main(argv: list[str]) -> int:
    directory, dimensions, kind, niceness = argv
    os.nice(int(niceness))
    shard = EdgeShard.load(directory, shard_config(int(dimensions), durable=kind == "durable"))
    try:
        shard.optimize()
        shard.flush()
    finally:
        shard.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
