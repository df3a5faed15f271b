"""The web app for job seekers: its built files, shipped in this package and served by the Envoy gateway.

The sources are in the repository's ``web/`` folder (TypeScript); ``python web/build.py`` builds them into
``static/`` here and records what it built in ``build.json`` (the digest of the sources it read and of every
file it wrote), which ``tests/web/test_build.py`` checks, so that a stale build fails the tests. Nothing here
needs Node.js: users run the built files only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
BUILD_RECORD = Path(__file__).resolve().parent / "build.json"

# The types of the files a build writes. Fixed here rather than read from the system's mime.types, so that the
# gateway config (and the committed gateway/envoy.yaml) is the same on every machine.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
}
INDEX = "index.html"
# Built files whose names carry a hash of their content: a browser may keep them for good.
HASHED_DIR = "assets"


@dataclass(frozen=True)
class WebFile:
    """One built file as the gateway serves it."""

    url_path: str  # "/assets/index-1a2b3c.js"
    relative: str  # "assets/index-1a2b3c.js", under the static dir
    content_type: str
    size: int

    @property
    def immutable(self) -> bool:
        """Its name changes whenever its content does."""
        return self.relative.startswith(HASHED_DIR + "/")


class UnknownWebFileType(ValueError):
    """A built file whose type the gateway does not know: add it to CONTENT_TYPES."""


def web_files(static_dir: Path = STATIC_DIR) -> list[WebFile]:
    """The built files under `static_dir`, sorted by path; empty when the app is not built there."""
    if not (static_dir / INDEX).is_file():
        return []
    files = []
    for path in sorted(p for p in static_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(static_dir).as_posix()
        content_type = CONTENT_TYPES.get(path.suffix)
        if content_type is None:
            raise UnknownWebFileType(f"{path}: no content type for {path.suffix!r} files (skillgap.web.CONTENT_TYPES)")
        files.append(WebFile("/" + relative, relative, content_type, path.stat().st_size))
    return files
