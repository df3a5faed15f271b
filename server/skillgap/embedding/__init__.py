"""Text embeddings, computed in process from a local model."""
