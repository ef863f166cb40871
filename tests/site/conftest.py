"""Built sites shared by the site tests: each is built once per session, for real."""

from __future__ import annotations

import functools
import http.server
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request

from activation_kb.check.rules import checked_content
from activation_kb.domain.model import Content
from activation_kb.pipeline.build import build_site
from activation_kb.pipeline.report import BuildReport
from tests.site.browser import Contexts, chromium

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"


@pytest.fixture(scope="session")
def site_content() -> Content:
    return checked_content(CONTENT)


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """``content/`` built once per session by ``build_site`` as ``kb build`` does: the site
    and its offline zip."""
    base = tmp_path_factory.mktemp("build")
    return build_site(CONTENT, base / "site", base / "work", dist=base / "dist")


@pytest.fixture(scope="session")
def built_site(site_build: BuildReport) -> Path:
    """The site of ``content/`` (tests copy it before changing anything in it)."""
    return site_build.out


@pytest.fixture(scope="session")
def offline_zip(site_build: BuildReport) -> Path:
    """The offline bundle of ``content/``."""
    assert site_build.bundle is not None
    return site_build.bundle


@pytest.fixture(scope="session")
def offline_bundle(offline_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline zip unpacked where a technician would put it: its top folder."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(target)
    (folder,) = target.iterdir()
    return folder


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site's root 404.html for a missing file, as nginx's error_page does."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@pytest.fixture(scope="session")
def serve_site() -> Iterator[functools.partial[str]]:
    """Serve a site folder on 127.0.0.1; call with the folder (and a handler class, to
    answer missing files as a real server would), get its base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(
        root: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler
    ) -> str:
        handler = functools.partial(handler_class, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield functools.partial(start)
    for server in servers:
        server.shutdown()
        server.server_close()


# Browser fixtures shared by the test modules that drive the online site in chromium.
OpenPage = Callable[..., Page]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def base_url(built_site: Path, serve_site) -> str:
    return serve_site(built_site)


@pytest.fixture
def requests_elsewhere() -> list[str]:
    """Every request a test's pages made to a host other than the test server."""
    return []


@pytest.fixture(scope="module")
def contexts(browser: Browser) -> Iterator[Contexts]:
    """The module's browser contexts (:class:`tests.site.browser.Contexts`)."""
    kept = Contexts(browser)
    yield kept
    kept.close()


@pytest.fixture
def open_page(contexts: Contexts, requests_elsewhere: list[str]) -> Iterator[OpenPage]:
    def open_page(locale: str = "it-IT", javascript: bool = True) -> Page:
        page = contexts.page(locale=locale, java_script_enabled=javascript)

        def record(request: Request) -> None:
            url = urlsplit(request.url)
            if url.scheme not in ("file", "data", "blob") and url.hostname != "127.0.0.1":
                requests_elsewhere.append(request.url)

        page.on("request", record)
        return page

    yield open_page
    contexts.reset()
    assert requests_elsewhere == [], "a page loaded something from outside the site"
