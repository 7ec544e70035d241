"""Starting the HTTP service as a real process on a free loopback port, for the tests that talk to it over HTTP."""

from __future__ import annotations

import atexit
import contextlib
import functools
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx


def free_port() -> int:
    """A TCP port free on the loopback interface now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running_server(*options: str, log: Path | None = None) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``ntp-criteria serve`` with these options on a free loopback port: its base URL and process; stopped after."""
    port = free_port()
    out = open(log, "wb") if log is not None else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen([sys.executable, "-m", "ntp_criteria", "serve", "--host", "127.0.0.1", "--port",
                                str(port), "--log-level", "warning", *options], stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server stopped at start (exit {process.returncode})")
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log is not None:
            out.close()  # type: ignore[union-attr]


@functools.cache
def shared_server() -> str:
    """The base URL of one server with the default options, started on first use and shared by the test modules
    that need nothing else (stopped when the tests end)."""
    running = running_server()
    url, _ = running.__enter__()
    atexit.register(running.__exit__, None, None, None)
    return url
