"""Timing ``etalase serve`` from one edited product to the browsers' reload."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from etalase.bench import synthetic
from etalase.bench.measure import _python_env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_rebuild_seconds(root: Path, product: Path, *, timeout: float = 1800) -> float:
    """Start ``etalase serve`` on ``root``, edit ``product`` and return seconds until browsers reload.

    Counts from the edit to MkDocs' "Reloading browsers" after the last rebuild the edit
    caused. The server is stopped (by its process id) before returning.
    """
    command = [sys.executable, "-m", "etalase", "--root", str(root), "serve", "-a", f"127.0.0.1:{_free_port()}"]
    with tempfile.NamedTemporaryFile("w+", encoding="utf-8", errors="replace", suffix=".log") as log:
        process = subprocess.Popen(command, cwd=root, env=_python_env(), stdout=log, stderr=subprocess.STDOUT)
        old = b""
        try:
            _wait_for(log.name, lambda text: "Serving on" in text, process, timeout)
            time.sleep(1.0)  # let the file watcher settle
            reloads = Path(log.name).read_text(encoding="utf-8", errors="replace").count("Reloading browsers")
            start = time.perf_counter()
            old = synthetic.change_product(product, "(diubah untuk uji serve)")
            _wait_for(log.name, lambda text: text.count("Reloading browsers") > reloads, process, timeout)
            first = time.perf_counter() - start
            # a rebuild that writes into the watched docs folder can cause another one: wait for quiet
            seen = reloads + 1
            while True:
                time.sleep(3.0)
                text = Path(log.name).read_text(encoding="utf-8", errors="replace")
                if "Detected file changes" not in text.split("Reloading browsers")[-1]:
                    break
                _wait_for(log.name, lambda text, seen=seen: text.count("Reloading browsers") > seen, process, timeout)
                seen += 1
                first = time.perf_counter() - start
            return round(first, 2)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if old:
                product.write_bytes(old)


def _wait_for(path: str, ready: Callable[[str], bool], process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        if ready(text):
            return
        if process.poll() is not None:
            raise RuntimeError(f"etalase serve stopped:\n{text[-2000:]}")
        time.sleep(0.2)
    raise TimeoutError("etalase serve did not get there in time")
