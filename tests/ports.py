"""A free TCP port on 127.0.0.1, for servers (Envoy) that cannot bind port 0 and report it back."""

from __future__ import annotations

import socket


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
