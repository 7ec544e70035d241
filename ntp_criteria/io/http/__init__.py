"""The HTTP service: the library for systems that do not speak Python (the ``serve`` extra: Starlette, uvicorn).

``ntp-criteria serve`` runs it; :func:`create_app` gives the ASGI application to run under any ASGI server.
Nothing in the rest of the package imports this package, so ``import ntp_criteria`` never loads a web framework.
See docs/http.md.
"""

from __future__ import annotations

from .app import DEFAULT_MAX_BODY, create_app
from .openapi import openapi_document
from .problems import problem_of
from .server import serve

__all__ = ["DEFAULT_MAX_BODY", "create_app", "openapi_document", "problem_of", "serve"]
