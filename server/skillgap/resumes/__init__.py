"""Resumes: turning an upload into text, and the use cases around stored resumes."""
