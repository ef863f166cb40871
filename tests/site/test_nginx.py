"""deploy/nginx/activation-kb.conf serving a built site: Debian's nginx on 127.0.0.1,
checked over HTTP and in the browser (the Content-Security-Policy must let the site work,
and allows inline scripts and styles only by the hashes the build wrote)."""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.site.browser import Contexts
from tests.site.conftest import ROOT

CONFIG = ROOT / "deploy" / "nginx" / "activation-kb.conf"
CODE = "0xc004f074"
ANCHOR = "0xc004f074-no-key-management-service-kms-could-be-contacted"
LONG = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "same-origin",
}


def _nginx() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.access(found, os.X_OK):
        pytest.fail("nginx is missing: `make test` installs Debian's nginx")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _server_block(site: Path, port: int) -> str:
    """The committed configuration with only its address and folder changed."""
    text = CONFIG.read_text("utf-8")
    replacements = [
        (r"^(\s*)listen 80;$", rf"\g<1>listen 127.0.0.1:{port};"),
        (r"^\s*listen \[::\]:80;\n", ""),
        (r"^(\s*)root /srv/activation-kb/site;$", rf"\g<1>root {site};"),
        (
            r"^include /srv/activation-kb/site/\.kb/nginx-csp\.conf;$",
            rf"include {site}/.kb/nginx-csp.conf;",
        ),
    ]
    for pattern, replacement in replacements:
        text, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
        assert count == 1, f"{CONFIG.name} no longer has exactly one line like {pattern!r}"
    return text


def _main_config(prefix: Path) -> str:
    # Debian's nginx.conf reduced to what the server block needs, every path in prefix.
    temp = " ".join(
        f"{name}_temp_path {prefix / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}worker_processes 1;\npid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'};\nevents {{ worker_connections 64; }}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log {prefix / 'access.log'};\n  {temp}\n"
        f"  include {prefix / 'server.conf'};\n}}\n"
    )


@pytest.fixture(scope="module")
def nginx_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    prefix = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    (prefix / "server.conf").write_text(_server_block(built_site, port), "utf-8")
    (prefix / "nginx.conf").write_text(_main_config(prefix), "utf-8")
    command = [_nginx(), "-p", str(prefix), "-c", str(prefix / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    log = prefix / "stderr.log"
    with log.open("w", encoding="utf-8") as stderr:
        server = subprocess.Popen([*command, "-g", "daemon off;"], stderr=stderr)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert server.poll() is None, log.read_text("utf-8")
                assert time.monotonic() < deadline, "nginx did not start listening"
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes

    def text(self) -> str:
        raw = self.body
        if self.headers.get("Content-Encoding") == "gzip":
            raw = gzip.decompress(raw)
        return raw.decode("utf-8")


def get(base: str, path: str, *, gzip_ok: bool = False) -> Response:
    """One request, redirects not followed."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


def assert_security_headers(response: Response) -> None:
    for name, value in SECURITY.items():
        assert response.headers.get(name) == value, name
    policy = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in policy and "frame-ancestors 'self'" in policy
    assert "Server" not in response.headers or "/" not in response.headers["Server"]


def test_a_code_page_has_a_pretty_url_and_a_short_cache(nginx_url: str) -> None:
    response = get(nginx_url, f"/it/{CODE}/")
    assert response.status == 200
    assert response.headers.get_content_type() == "text/html"
    assert f'id="{ANCHOR}"' in response.text()
    assert response.headers["Cache-Control"] == SHORT
    assert_security_headers(response)


def test_a_folder_named_without_its_slash_redirects_to_it(nginx_url: str) -> None:
    response = get(nginx_url, f"/en/{CODE}")
    assert response.status == 301
    assert response.headers["Location"] == f"/en/{CODE}/"


def test_fingerprinted_assets_are_cached_for_a_year_others_briefly(
    nginx_url: str, built_site: Path
) -> None:
    (bundle,) = (built_site / "it" / "assets" / "javascripts").glob("bundle.*.min.js")
    (styles,) = (built_site / "en" / "assets" / "stylesheets").glob("main.*.min.css")
    for path in (f"/it/assets/javascripts/{bundle.name}", f"/en/assets/stylesheets/{styles.name}"):
        response = get(nginx_url, path)
        assert response.status == 200 and response.headers["Cache-Control"] == LONG, path
        assert_security_headers(response)
    response = get(nginx_url, "/it/assets/javascripts/kb.js")
    assert response.status == 200 and response.headers["Cache-Control"] == SHORT


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (f"/it/{CODE}/", "text/html"),
        ("/en/search/kb/t0.js", "application/javascript"),
        ("/it/assets/javascripts/kb.js", "application/javascript"),
        ("/it/assets/stylesheets/kb.css", "text/css"),
    ],
)
def test_text_is_compressed_for_browsers_that_accept_it(
    nginx_url: str, path: str, kind: str
) -> None:
    compressed = get(nginx_url, path, gzip_ok=True)
    assert compressed.headers.get_content_type() == kind
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed.headers.get("Vary", "")
    plain = get(nginx_url, path)
    assert "Content-Encoding" not in plain.headers
    assert compressed.text() == plain.text()


def test_a_missing_path_gets_the_site_s_404_page(nginx_url: str, built_site: Path) -> None:
    response = get(nginx_url, "/C004F074")
    assert response.status == 404
    assert response.text() == (built_site / "404.html").read_text("utf-8")
    assert_security_headers(response)


def test_a_go_link_is_a_page_of_the_site(nginx_url: str) -> None:
    response = get(nginx_url, "/go/?code=C004F074&lang=en")
    assert response.status == 200
    assert response.headers.get_content_type() == "text/html"
    assert "kbGoData" in response.text()
    assert response.headers["Cache-Control"] == SHORT
    assert_security_headers(response)
    assert get(nginx_url, "/go").headers["Location"] == "/go/"


def test_the_site_s_icon_is_where_browsers_ask_for_it(nginx_url: str, built_site: Path) -> None:
    response = get(nginx_url, "/favicon.ico")
    assert response.status == 200
    assert response.headers.get_content_type() == "image/x-icon"
    assert response.body == (built_site / "favicon.ico").read_bytes()


def test_a_missing_page_of_a_language_ends_on_its_404_page(nginx_url: str) -> None:
    # 404.html hands the address over in the browser; the page it hands to is there.
    response = get(nginx_url, "/en/404/?path=%2Fen%2Fnothere")
    assert response.status == 200
    assert '<meta name="robots" content="noindex">' in response.text()


def _policy(response: Response) -> dict[str, list[str]]:
    """The Content-Security-Policy's directives → their sources."""
    directives = response.headers["Content-Security-Policy"].split(";")
    return {d.split()[0]: d.split()[1:] for d in directives if d.strip()}


_INLINE = re.compile(r"<(script|style)(\s[^>]*)?>(.*?)</\1>", re.S | re.I)


def _inline_hashes(site: Path) -> dict[str, set[str]]:
    """The hashes of every inline script that runs and every style of every page, read
    here with a regular expression of the test's own."""
    found: dict[str, set[str]] = {"script": set(), "style": set()}
    for page in site.rglob("*.html"):
        for tag, attributes, text in _INLINE.findall(page.read_text("utf-8")):
            attributes = attributes or ""
            if tag.lower() == "script" and (
                "src=" in attributes or "application/json" in attributes
            ):
                continue
            digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
            found[tag.lower()].add(f"'sha256-{digest}'")
    return found


@pytest.mark.parametrize("path", ["/", "/it/", f"/en/{CODE}/", "/go/?code=1", "/C004F074"])
def test_inline_scripts_and_styles_run_only_by_their_hashes(
    nginx_url: str, built_site: Path, path: str
) -> None:
    policy = _policy(get(nginx_url, path))
    hashes = _inline_hashes(built_site)
    assert hashes["script"] and hashes["style"]
    assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]
    assert set(policy["script-src"]) == {"'self'", *hashes["script"]}
    assert set(policy["style-src"]) == {"'self'", *hashes["style"]}


def test_the_build_s_own_files_are_not_served(nginx_url: str, built_site: Path) -> None:
    assert (built_site / ".kb" / "nginx-csp.conf").is_file()
    for path in ("/.kb/nginx-csp.conf", "/.kb/built-by-kb", "/.kb/"):
        response = get(nginx_url, path)
        assert response.status == 404, path
        assert response.text() == (built_site / "404.html").read_text("utf-8")


@pytest.fixture
def open_page(
    nginx_url: str, contexts: Contexts
) -> Iterator[Callable[[str], tuple[Page, list[str]]]]:
    """A page in chromium recording console errors and requests to other hosts."""

    def open_page(locale: str) -> tuple[Page, list[str]]:
        page = contexts.page(locale=locale)
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        contexts.on(
            page,
            "request",
            lambda r: None if r.url.startswith(nginx_url) else problems.append(r.url),
        )
        return page, problems

    yield open_page
    contexts.reset()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "locale", "target"),
    [
        ("/go/?code=C004F074&lang=en", "it-IT", f"/en/{CODE}/"),
        ("/go/?code=-1073418124", "it-IT", f"/it/{CODE}/"),
        ("/C004F074", "it-IT", f"/it/{CODE}/"),
        ("/en/3221549172", "it-IT", f"/en/{CODE}/"),
    ],
)
def test_go_links_and_code_paths_reach_the_code_page(
    nginx_url: str, open_page, path: str, locale: str, target: str
) -> None:
    page, problems = open_page(locale)
    page.goto(nginx_url + path)
    page.wait_for_url(nginx_url + target)
    assert page.locator("h1").get_attribute("id") == ANCHOR
    # A code path is a missing page: chromium logs the 404 answer that carries the rescue.
    expected = ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    assert problems == (expected if not path.startswith("/go/") else [])


@pytest.mark.browser
def test_the_site_works_in_the_browser_under_this_policy(nginx_url: str, browser: Browser) -> None:
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    problems: list[str] = []
    elsewhere: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    context.on(
        "request",
        lambda r: None if r.url.startswith(nginx_url) else elsewhere.append(r.url),
    )
    page.goto(f"{nginx_url}/")
    page.wait_for_url(f"{nginx_url}/en/")
    box = page.locator("input.md-search__input")
    box.click()
    # All at once, then one key press: the theme searches on each key press.
    box.fill(CODE.upper().replace("0X", "0x"))
    box.press("End")
    result = page.locator(f".md-search-result__item > a[href^='{nginx_url}/en/{CODE}/']")
    result.first.click()
    page.wait_for_url(f"{nginx_url}/en/{CODE}/**")
    assert page.locator("h1").get_attribute("id") == ANCHOR
    context.close()
    assert problems == []
    assert elsewhere == []


# Every Content-Security-Policy violation, also one chromium would not log, as an error.
_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (event) {
  console.error("policy violation: " + event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.mark.browser
def test_pages_run_their_scripts_with_no_policy_violation(nginx_url: str, browser: Browser) -> None:
    context = browser.new_context(locale="it-IT")
    context.add_init_script(_REPORT_VIOLATIONS)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    # The language redirect (inline), then a code page whose search is used.
    page.goto(f"{nginx_url}/")
    page.wait_for_url(f"{nginx_url}/it/")
    page.goto(f"{nginx_url}/it/{CODE}/")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("chiave")
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    # go/ for a code the site does not document: its inline script writes the answer.
    page.goto(f"{nginx_url}/go/?code=0xC004F0FF&lang=it")
    page.get_by_text("0xC004F0FF").first.wait_for()
    # The 404 page for a path that is no code: its script hands it to the language's
    # 404 page, whose script shows the address.
    page.goto(f"{nginx_url}/nothing-here")
    page.wait_for_url(f"{nginx_url}/it/404/?path=%2Fnothing-here")
    page.locator("html[data-kb-go=done]").wait_for(state="attached")
    page.wait_for_load_state("networkidle")
    context.close()
    not_found = "Failed to load resource: the server responded with a status of 404 (Not Found)"
    assert [problem for problem in problems if problem != not_found] == []
