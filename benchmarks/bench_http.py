"""Benchmark: the HTTP service under load, on loopback only, bounded in count and time (it stops by itself).

    python benchmarks/bench_http.py [--requests 10000] [--clients 16] [--batch 100000] [--full] [--limit 600]

Starts ``ntp-criteria serve`` as a separate process on a free port of 127.0.0.1, then:

1. ``--requests`` single assessments (POST /assess, one synthetic household each, ``full=false`` unless ``--full``:
   the record without the embedded ruleset) from ``--clients`` concurrent clients, each on its own keep-alive
   connection (HTTP/1.1 written by hand: a client library would take more CPU than the server); prints requests/s
   and the p50 / p99 latency;
2. one POST /assess/batch of ``--batch`` households (NDJSON in, NDJSON out, streamed), and the same lines through the
   in-process engine as the CLI runs them (``read_subjects`` + ``BatchAssessor`` + one JSON line each) in the same
   run; prints households/s of both and their ratio.

The clients run in this process, on the same two cores as the server: the figures are what one machine does with
both ends on it. The server's own CPU time (psutil) is printed too: on a busy machine it says more than the clock.
Nothing is asserted about time. Every request loop stops at ``--limit`` seconds, whatever it has
done by then, and the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent


def households(n: int, seed: int = 7) -> list[bytes]:
    """``n`` synthetic households as JSON lines: incomes around the lines, counts or flags, dates over the standards
    in force (2016-2030), about 1 in 1,000 bad."""
    rnd = random.Random(seed)
    flags = ("employment", "health_insurance", "water", "latrine", "telecom", "floor_area")
    out = []
    for i in range(n):
        hh: dict[str, object] = {"id": f"H{i}", "area": "rural" if rnd.random() < 0.7 else "urban",
                                 "reference_date": f"{rnd.randint(2022, 2030)}-{rnd.randint(1, 12):02d}-15",
                                 "monthly_income_per_capita": rnd.randrange(500_000, 4_000_000, 10_000)}
        if i % 1000 == 999:
            hh["area"] = "countryside"
        elif rnd.random() < 0.5:
            hh["deprivation_count"] = rnd.randrange(0, 7)
        else:
            hh["deprived"] = rnd.sample(flags, rnd.randrange(0, 5))
        out.append(json.dumps(hh).encode())
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([sys.executable, "-m", "ntp_criteria", "serve", "--host", "127.0.0.1", "--port",
                                str(port), "--log-level", "warning"], cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start in 60 s")


async def _post(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, target: bytes, body: bytes) -> int:
    """One POST on a kept-alive connection, written and read by hand: an HTTP client library would cost the
    client more CPU than the server spends on the request, on the same two cores."""
    writer.write(b"POST " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    await reader.readexactly(length)
    return status


async def single_assessments(port: int, bodies: list[bytes], clients: int, full: bool, limit: float
                             ) -> tuple[int, float, list[float], dict[int, int]]:
    """The requests done, the seconds they took, each one's latency, and the count of each status."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    queue = iter(bodies)
    stop_at = time.perf_counter() + limit
    target = b"/assess" if full else b"/assess?full=false"

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for body in queue:
                if time.perf_counter() > stop_at:
                    return
                start = time.perf_counter()
                status = await _post(reader, writer, target, body)
                latencies.append(time.perf_counter() - start)
                statuses[status] = statuses.get(status, 0) + 1
        finally:
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    return len(latencies), time.perf_counter() - start, latencies, statuses


def batch_over_http(url: str, lines: list[bytes], limit: float) -> tuple[int, float]:
    def body() -> object:
        for k in range(0, len(lines), 1000):
            yield b"\n".join(lines[k:k + 1000]) + b"\n"

    start = time.perf_counter()
    count = 0
    with httpx.Client(base_url=url, timeout=limit) as client, client.stream(
            "POST", "/assess/batch", content=body(), headers={"content-type": "application/x-ndjson"}) as response:
        response.raise_for_status()
        for _ in response.iter_lines():
            count += 1
    return count, time.perf_counter() - start


def batch_in_process(lines: list[bytes]) -> tuple[int, float]:
    """The same lines as the CLI's ``assess --format jsonl`` reads and assesses them, one JSON line out each."""
    from ntp_criteria.core.errors import CriteriaError
    from ntp_criteria.io.batch import BatchAssessor, read_subjects
    from ntp_criteria.io.records import error_record

    text = (b"\n".join(lines) + b"\n").decode()
    start = time.perf_counter()
    batch = BatchAssessor()
    out = io.StringIO()
    count = 0
    for row in read_subjects(io.StringIO(text), "jsonl", "household"):
        try:
            if row.error is not None:
                raise row.error
            rec = batch.summary(row.subject, row.number)
        except CriteriaError as exc:
            rec = error_record(row.number, str(exc))
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        count += 1
    return count, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--batch", type=int, default=100_000)
    parser.add_argument("--full", action="store_true", help="single answers with the full assessment payload")
    parser.add_argument("--limit", type=float, default=600, help="seconds each phase may take at most")
    args = parser.parse_args()

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = start_server(port)
    server = psutil.Process(process.pid)

    def cpu() -> float:
        times = server.cpu_times()
        return times.user + times.system

    try:
        bodies = households(args.requests)
        before = cpu()
        done, seconds, latencies, statuses = asyncio.run(
            single_assessments(port, bodies, args.clients, args.full, args.limit))
        single_cpu = cpu() - before
        latencies.sort()
        p50 = statistics.median(latencies) * 1000
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
        print(f"POST /assess ({'full payload' if args.full else 'record only'}): {done:,} requests from "
              f"{args.clients} clients in {seconds:.1f} s: {done / seconds:,.0f} requests/s, p50 {p50:.1f} ms, "
              f"p99 {p99:.1f} ms; statuses {dict(sorted(statuses.items()))}; server CPU "
              f"{single_cpu / done * 1000:.2f} ms a request")
        lines = households(args.batch, seed=11)
        before = cpu()
        http_rows, http_seconds = batch_over_http(url, lines, args.limit)
        batch_cpu = cpu() - before
        local_start = time.process_time()
        local_rows, local_seconds = batch_in_process(lines)
        local_cpu = time.process_time() - local_start
        http_rate, local_rate = http_rows / http_seconds, local_rows / local_seconds
        print(f"POST /assess/batch: {http_rows:,} households in {http_seconds:.1f} s: {http_rate:,.0f} households/s; "
              f"server CPU {batch_cpu:.1f} s ({http_rows / batch_cpu:,.0f} households per CPU second)")
        print(f"in-process engine (read_subjects + BatchAssessor, same lines): {local_rows:,} in "
              f"{local_seconds:.1f} s: {local_rate:,.0f} households/s ({local_rows / local_cpu:,.0f} per CPU second)")
        print(f"HTTP batch / in-process: {http_rate / local_rate:.2f} by the clock, "
              f"{(http_rows / batch_cpu) / (local_rows / local_cpu):.2f} by CPU time")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    main()
