"""The vector index behind semantic search."""
