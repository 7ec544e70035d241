"""A streamed request body as lines of text, for the batch reader, which runs in a worker thread.

The worker pulls the body's chunks from the event loop one at a time (``anyio.from_thread``), so no more than a
chunk and one line are held however long the batch is. A line longer than the limit, or one that is not UTF-8,
stops the batch with the library's error naming the line.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Iterator

import anyio.from_thread

from ...core.errors import InputError, Problem
from .problems import BodyTooLarge

_CHUNK = 65_536


class BodyLines(Iterator[str]):
    """The lines of a streamed body, each decoded as UTF-8; iterated in a worker thread started by anyio."""

    def __init__(self, chunks: AsyncIterator[bytes], limit: int) -> None:
        self._chunks, self.limit = chunks, limit
        self._lines: deque[bytes] = deque()
        self._partial = b""
        self._ended = False
        self._physical = 0  # the lines handed out so far, blank ones included
        #: the lines seen so far that hold something (the batch reader skips blank ones, and counts the others)
        self.rows = 0

    async def _next_chunk(self) -> bytes | None:
        """The body's next 64 KiB or more (a client may send a chunk a line: one hand-over a line is slow), or None
        at its end."""
        parts: list[bytes] = []
        size = 0
        while size < _CHUNK:
            try:
                part = await anext(self._chunks)
            except StopAsyncIteration:
                break
            parts.append(part)
            size += len(part)
        return b"".join(parts) if parts else None

    def _fill(self) -> None:
        while not self._lines and not self._ended:
            chunk = anyio.from_thread.run(self._next_chunk)
            if chunk is None:
                self._ended = True
                if self._partial:
                    self._lines.append(self._partial)
                    self._partial = b""
                return
            if not chunk:
                continue
            *complete, self._partial = (self._partial + chunk).split(b"\n")
            self._lines.extend(complete)
            if len(self._partial) > self.limit:
                raise BodyTooLarge(self.limit, self._physical + len(self._lines) + 1)

    def __next__(self) -> str:
        self._fill()
        if not self._lines:
            raise StopIteration
        raw = self._lines.popleft()
        self._physical += 1
        if len(raw) > self.limit:
            raise BodyTooLarge(self.limit, self._physical)
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError("batch", [Problem(f"$[{self.rows}]", f"not UTF-8 text (byte {exc.start} of the line: "
                                                                  f"{exc.reason})")]) from None
        if line.strip():
            self.rows += 1
        return line + "\n"
