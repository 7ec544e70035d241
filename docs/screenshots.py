"""Screenshots of the built documentation site with headless Chromium, to look at before a release.

    python3 docs/screenshots.py [--site DIR] [--out DIR] [--no-build]

Builds the site (``mkdocs build --strict``) unless ``--no-build``, serves it on 127.0.0.1 (a free port) for the
time it takes, and writes one PNG per page and width to ``--out`` (default ``build/screenshots``). Needs a
``chromium`` (or ``chromium-browser``, ``google-chrome``) on the PATH; the browser runs with a fresh profile
and no network use of its own.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: (name, path in the site): the home page, a page of each kind, and the widest tables
PAGES = [
    ("home", ""),
    ("getting-started", "getting-started/"),
    ("bat-dau", "bat-dau/"),
    ("explorer", "reference/rulesets/"),
    ("explorer-ntm-commune-2022", "reference/rulesets/ntm-commune-2022-03-08/"),
    ("explorer-ntm-commune-2026-02", "reference/rulesets/ntm-commune-2026-02-15/"),
    ("rules-status", "rules-status/"),
    ("golden-files", "golden-files/"),
]
#: (name, width, height): a laptop screen and a phone
SIZES = [("desktop", 1366, 900), ("phone", 412, 900)]
#: (name, path, width, height): long pages whose lower tables matter, in one tall shot (a URL's #fragment does
#: not scroll a headless screenshot)
TALL = [("rules-status-tall", "rules-status/", 1366, 4000), ("explorer-poverty-2022-tall",
         "reference/rulesets/poverty-household-2022-01-01/", 1366, 2400)]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
         "--virtual-time-budget=4000"]


def browser() -> str:
    """The Chromium on the PATH."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("screenshots: no chromium on the PATH (apt-get install -y chromium)")


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site served on 127.0.0.1 while the block runs; its base URL."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *_: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def shoot(chromium: str, url: str, png: Path, width: int, height: int) -> None:
    """One screenshot, in a fresh profile removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="ntp-chromium-") as profile:
        done = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
                               f"--screenshot={png}", url], capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0 or not png.exists():
        raise RuntimeError(f"chromium failed on {url}: {done.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    """Build (unless --no-build), serve and photograph the site; prints each PNG written."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument("--no-build", action="store_true", help="photograph the site already built in --site")
    parser.add_argument("--page", action="append", choices=[name for name, *_ in PAGES + TALL],
                        help="only this page (repeatable; default every page)")
    args = parser.parse_args(argv)
    if not args.no_build:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(args.site)], cwd=ROOT,
                       check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"})
    args.out.mkdir(parents=True, exist_ok=True)
    chromium = browser()
    with serve(args.site) as base:
        for name, path in PAGES:
            if args.page and name not in args.page:
                continue
            for size, width, height in SIZES:
                png = args.out / f"{name}-{size}.png"
                shoot(chromium, base + path, png, width, height)
                print(png)
        for name, path, width, height in TALL:
            if not args.page or name in args.page:
                shoot(chromium, base + path, args.out / f"{name}.png", width, height)
                print(args.out / f"{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
