"""POST /assess/batch streams: 100,000 lines in and out over HTTP with the server's memory flat.

The server process's resident memory is sampled (psutil) while a 10,000-line batch and then a 100,000-line batch
pass; a server that held the input or the results in memory would grow by tens of megabytes between the two (the
results alone are about 29 MB of JSON), a streaming one by next to nothing.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator

import httpx
import psutil

import ntp_criteria as ntp
from ntp_criteria.io import json as nj
from ntp_criteria.io.batch import BatchAssessor

from ._http import running_server

AREAS = ("rural", "urban")
#: rows that cannot be assessed, one every 997 rows: each must come back as its own record with its path
BAD_EVERY = 997


def _line(n: int) -> bytes:
    if n % BAD_EVERY == 500:
        return b'{"area": "rural", "reference_date": "2024-02-30"}\n'
    year = 2016 + n % 15
    return (f'{{"id": "h{n}", "area": "{AREAS[n % 2]}", "reference_date": "{year}-{1 + n % 12:02d}-15", '
            f'"monthly_income_per_capita": {(n * 7919) % 6_000_000}, "deprivation_count": {n % 10}}}\n').encode()


def _body(rows: int) -> Iterator[bytes]:
    """The batch, sent as it is made, 1,000 lines a chunk (no Content-Length: the server cannot know its size)."""
    for start in range(0, rows, 1000):
        yield b"".join(_line(n) for n in range(start, min(start + 1000, rows)))


class _PeakMemory:
    """The highest resident memory of a process while the block runs, sampled every 10 ms."""

    def __init__(self, pid: int) -> None:
        self.process, self.peak = psutil.Process(pid), 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.01)

    def __enter__(self) -> _PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def _stream(client: httpx.Client, rows: int) -> tuple[int, int, list[str]]:
    """Send a batch and read its results as they come: the lines, their bytes, and a sample of them."""
    count, size, sample = 0, 0, []
    with client.stream("POST", "/assess/batch", content=_body(rows),
                       headers={"content-type": "application/x-ndjson"}) as response:
        assert response.status_code == 200
        assert response.headers["x-rows"] == str(rows)
        for line in response.iter_lines():
            count += 1
            size += len(line)
            assert line.startswith(f'{{"row":{count},')  # in order, none lost
            if count % 9973 == 0 or count % BAD_EVERY == 501:
                sample.append(line)
    return count, size, sample


def test_a_100k_line_batch_streams_in_and_out_with_flat_memory() -> None:
    with running_server() as (url, process), httpx.Client(base_url=url, timeout=300) as client:
        with _PeakMemory(process.pid) as small:
            assert _stream(client, 10_000)[0] == 10_000
        with _PeakMemory(process.pid) as large:
            count, size, sample = _stream(client, 100_000)
    assert count == 100_000 and size > 20_000_000
    grown = (large.peak - small.peak) / 2**20
    assert grown < 10, f"the server grew by {grown:.1f} MiB between 10k and 100k lines"
    batch = BatchAssessor()
    for text in sample:
        line = json.loads(text)
        n = line["row"] - 1
        if n % BAD_EVERY == 500:
            assert line["error"] == [{"path": f"$[{n}].reference_date",
                                      "message": "expected an ISO date (YYYY-MM-DD), got '2024-02-30'"}]
            continue
        subject = nj.structure(json.loads(_line(n)), ntp.Household)
        assert line == json.loads(json.dumps(batch.summary(subject, n + 1)))
