"""Giving freed memory back to the operating system after a large model run.

glibc keeps what a thread freed in that thread's malloc arena for reuse, and the model's buffers for a long
document are tens of MiB per run: after a few concurrent long uploads a server kept hundreds of MiB it no longer
used. `malloc_trim` returns the free pages of every arena. Elsewhere (musl, macOS) it is a no-op.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


def _load_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


_TRIM = _load_trim()


def give_back_free_memory() -> bool:
    """Return the process's free heap pages to the system; False where the C library cannot."""
    if _TRIM is None:
        return False
    _TRIM(0)
    return True
