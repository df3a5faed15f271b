"""Reading the files of qdrant-client's local mode, the embedded vector index of earlier releases, so
that the edge store can take its points over once instead of starting empty.

Local mode keeps `meta.json` in its folder and one SQLite table per collection, each row a pickled
qdrant-client `PointStruct` (older versions could leave several rows per point: the highest rowid is
the latest write). This module reads them without opening a local-mode client, which would try to take
the folder's lock that the edge store already holds.
"""

from __future__ import annotations

import pickle
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path


def has_local_mode_data(root: Path) -> bool:
    return (root / "meta.json").is_file()


def local_mode_points(root: Path, collection: str) -> Iterator[tuple[str, list[float], dict[str, object]]]:
    """(id, vector, payload) of every point of `collection`, latest write of each; nothing when the
    collection has no file."""
    database = root / "collection" / collection / "storage.sqlite"
    if not database.is_file():
        return
    connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    try:
        seen: set[str] = set()
        for (blob,) in connection.execute("SELECT point FROM points ORDER BY rowid DESC"):
            # Written by this application's own earlier release into its own data folder (local mode
            # unpickles the same rows when it opens them); unpickling imports qdrant-client's models.
            point = pickle.loads(blob)
            try:
                point_id = str(uuid.UUID(str(point.id)))
            except ValueError:
                continue  # not one of ours: every id we write is a UUID
            if point_id in seen:
                continue
            seen.add(point_id)
            vector = point.vector.get("") if isinstance(point.vector, dict) else point.vector
            if not isinstance(vector, list):
                continue
            yield point_id, [float(x) for x in vector], dict(point.payload or {})
    finally:
        connection.close()
