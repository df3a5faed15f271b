"""The code as it was before issue 16's reading work, for the evaluations that print today's figures next to it.

`BEFORE_READING_WORK` is the last commit before that work (the state the issue measured); each evaluation loads
the module it compares from there with `module_at`, so its baseline column does not move as main moves.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

REPO_ROOT = Path(__file__).resolve().parents[2]
BEFORE_READING_WORK = "3faf612"


def module_at(path: str, *, revision: str = BEFORE_READING_WORK) -> ModuleType:
    """The file `path` (from the repo root) as committed at `revision`, loaded as a module of its own (its
    imports resolve against today's code)."""
    source = subprocess.run(
        ["git", "show", f"{revision}:{path}"], cwd=REPO_ROOT, check=True, capture_output=True, text=True
    ).stdout
    name = f"baseline_{Path(path).stem}_{revision}"
    with tempfile.TemporaryDirectory(prefix="baseline-") as folder:
        file = Path(folder) / f"{name}.py"
        file.write_text(source, encoding="utf-8")
        spec = importlib.util.spec_from_file_location(name, file)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while it loads
        spec.loader.exec_module(module)
    return module


_MENTIONS_READER = """
import json, sys
from skillgap.skills.taxonomy import Taxonomy
taxonomy = Taxonomy.load()
texts = json.load(sys.stdin)
json.dump([[[m.start, m.end] for m in taxonomy.find_mentions(text)] for text in texts], sys.stdout)
"""


@contextlib.contextmanager
def checkout_at(revision: str = BEFORE_READING_WORK) -> Iterator[Path]:
    """A temporary git worktree of `revision` (removed afterwards), to run that revision's code in a subprocess
    with `PYTHONPATH=<tree>/server`."""
    with tempfile.TemporaryDirectory(prefix="baseline-tree-") as scratch:
        tree = Path(scratch) / "tree"
        add = ["git", "worktree", "add", "--detach", "--quiet", str(tree), revision]
        subprocess.run(add, cwd=REPO_ROOT, check=True)
        try:
            yield tree
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO_ROOT, check=False)


def mentions_before(texts: list[str], *, revision: str = BEFORE_READING_WORK) -> list[list[tuple[int, int]]]:
    """`Taxonomy.find_mentions` spans of each text as the product found them at `revision` (its own taxonomy and
    code, from a temporary git worktree, in a subprocess)."""
    with checkout_at(revision) as tree:
        done = subprocess.run(
            [sys.executable, "-c", _MENTIONS_READER],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(tree / "server")},
            cwd=tree,
        )
    return [[(start, end) for start, end in spans] for spans in json.loads(done.stdout)]
