"""``make screenshots``: a code page in each language, for the README.

Usage: ``python -m tests.site.screenshots SITE_FOLDER OUTPUT_FOLDER``. Serves the built
site on 127.0.0.1 and photographs it with Debian's chromium, like the browser tests.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from tests.site.browser import chromium

CODE = "0xc004f035"
"""A page with a full message, a note inside a list, numbered steps and commands."""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main(site: Path, out: Path) -> None:
    handler = functools.partial(_Quiet, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        out.mkdir(parents=True, exist_ok=True)
        with chromium() as browser:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            for lang in ("it", "en"):
                page.goto(f"{base}/{lang}/{CODE}/")
                target = out / f"code-page-{lang}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
            context.close()
        server.shutdown()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m tests.site.screenshots SITE_FOLDER OUTPUT_FOLDER")
    main(Path(sys.argv[1]), Path(sys.argv[2]))
