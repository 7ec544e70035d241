"""Running the HTTP service under uvicorn: what ``ntp-criteria serve`` does.

Uvicorn serves one process on one event loop; the assessments run in its worker threads. Behind a reverse proxy
(see docs/http.md) it trusts the ``X-Forwarded-*`` headers of the addresses given in ``forwarded_allow_ips`` only
(loopback by default), and serves under ``root_path`` when the proxy strips a prefix.
"""

from __future__ import annotations

from pathlib import Path

import uvicorn

from ...catalogue import Catalogue
from ...core._validate import shown
from ...core.errors import InputError, Problem
from .app import DEFAULT_MAX_BODY, create_app

__all__ = ["read_token", "serve"]


def read_token(path: str) -> str:
    """The bearer token in the file at ``path`` (its first line, without surrounding blanks); an
    :class:`~ntp_criteria.InputError` when the file cannot be read or holds no token."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path, or text that is not UTF-8
        why = getattr(exc, "strerror", None) or exc
        raise InputError("--token-file", [Problem("$.token_file", f"cannot read {shown(path)}: {why}")]) from None
    lines = text.strip().splitlines()
    token = lines[0].strip() if lines else ""
    if len(token) < 16 or any(c.isspace() or not c.isprintable() for c in token):
        raise InputError("--token-file", [Problem("$.token_file", f"{shown(path)} must hold a token of at least 16 "
                                                                  "printable characters without spaces, on its "
                                                                  "first line")])
    return token


def serve(catalogue: Catalogue | None = None, *, host: str = "127.0.0.1", port: int = 8000,
          token_file: str | None = None, max_body: int = DEFAULT_MAX_BODY, cors_origins: tuple[str, ...] = (),
          root_path: str = "", forwarded_allow_ips: str = "127.0.0.1", log_level: str = "info") -> int:
    """Serve the catalogue (default: the package's own) until interrupted; the exit status (0)."""
    token = read_token(token_file) if token_file is not None else None
    app = create_app(catalogue, token=token, max_body=max_body, cors_origins=cors_origins, root_path=root_path)
    config = uvicorn.Config(app, host=host, port=port, root_path=root_path, proxy_headers=True,
                            forwarded_allow_ips=forwarded_allow_ips, server_header=False, log_level=log_level,
                            h11_max_incomplete_event_size=64 * 1024)
    uvicorn.Server(config).run()
    return 0
