"""The site checker (activation_kb.site.linkcheck) on small hand-made sites."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from activation_kb.cli.main import main
from activation_kb.render.search_index import script
from activation_kb.site.linkcheck import check_site, external_links
from tests.files import write_files


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def test_a_sound_site_has_no_problems(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "index.html": page('<a href="it/">it</a>'),
            "it/index.html": page(
                '<h1 id="top">x</h1><a href="0xc004f074/#resolution">r</a>'
                '<a href="#top">top</a><a href="../">root</a>'
                '<a href="https://learn.microsoft.com/">external page, fine</a>',
                head='<link rel="stylesheet" href="assets/x.css?v=1">',
            ),
            "it/assets/x.css": "",
            "it/0xc004f074/index.html": page(
                '<h2 id="resolution">r</h2><a href="../index.html#top">back</a>'
                '<a href="/it/">from the root</a><a href="mailto:a@b.c">mail</a>'
            ),
        },
    )
    assert check_site(tmp_path) == []


def test_dead_links_are_reported(tmp_path: Path) -> None:
    write_files(tmp_path, {"index.html": page('<a href="missing/">m</a><img src="nope.png">')})
    assert check_site(tmp_path) == [
        "index.html: dead link 'missing/'",
        "index.html: dead link 'nope.png'",
    ]


def test_missing_anchors_are_reported_in_the_target_page(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "index.html": page('<a href="a/#resolution">r</a><a href="#nowhere">n</a>'),
            "a/index.html": page('<h2 id="possible-cause">c</h2>'),
        },
    )
    assert check_site(tmp_path) == [
        "index.html: missing anchor '#nowhere': index.html has no id 'nowhere'",
        "index.html: missing anchor 'a/#resolution': a/index.html has no id 'resolution'",
    ]


def test_a_folder_link_needs_an_index(tmp_path: Path) -> None:
    write_files(tmp_path, {"index.html": page('<a href="a/">a</a>'), "a/other.html": page("")})
    assert check_site(tmp_path) == ["index.html: dead link 'a/'"]


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    write_files(
        tmp_path, {"index.html": page('<p id="x"></p><p id="x"></p><a name="y"></a><b id="y">')}
    )
    assert check_site(tmp_path) == [
        "index.html: duplicate id 'x'",
        "index.html: duplicate id 'y'",
    ]


def test_resources_from_the_network_are_reported(tmp_path: Path) -> None:
    head = (
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="//cdn.example/x.js"></script>'
    )
    write_files(tmp_path, {"index.html": page("", head=head)})
    assert check_site(tmp_path) == [
        "index.html: loads //cdn.example/x.js from the network",
        "index.html: loads https://fonts.googleapis.com/css?family=Roboto from the network",
    ]


def test_links_leaving_the_site_are_reported(tmp_path: Path) -> None:
    write_files(tmp_path, {"index.html": page('<a href="../elsewhere/">x</a>')})
    assert check_site(tmp_path) == ["index.html: link '../elsewhere/' leaves the site"]


def linkcheck(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["linkcheck", *args])
    return result.exit_code, result.stdout


def test_the_command_line_exits_1_on_problems(tmp_path: Path) -> None:
    write_files(tmp_path, {"index.html": page('<a href="missing.html">m</a>')})
    write_files(tmp_path, {"it/index.html": page("")})
    code, out = linkcheck(str(tmp_path))
    assert code == 1
    assert "dead link 'missing.html'" in out
    (tmp_path / "missing.html").write_text(page(""), encoding="utf-8")
    assert linkcheck(str(tmp_path))[0] == 0


def test_on_disk_a_link_must_name_the_page_not_its_folder(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "index.html": page('<a href="it/index.html">it</a><a href="en/">en</a>'),
            "it/index.html": page('<a href="../index.html">root</a><a href="/it/index.html">x</a>'),
            "en/index.html": page('<a href="#">top</a>'),
        },
    )
    assert check_site(tmp_path, on_disk=True) == [
        "index.html: link 'en/' names a folder: from file:// it shows the folder, not "
        "en/index.html",
        "it/index.html: link '/it/index.html' starts at the disk's root from file://",
    ]
    # Served, the same links are sound.
    assert check_site(tmp_path) == []


def test_the_command_line_checks_on_disk_when_asked(tmp_path: Path) -> None:
    write_files(tmp_path, {"index.html": page('<a href="it/">it</a>'), "it/index.html": page("")})
    assert linkcheck(str(tmp_path))[0] == 0
    code, out = linkcheck("--on-disk", str(tmp_path))
    assert code == 1
    assert "names a folder" in out


def test_search_results_and_codes_json_must_lead_somewhere(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "it/index.html": page('<h2 id="summary">s</h2>'),
            "it/a/index.html": page('<h2 id="resolution">r</h2>'),
            "it/search/kb/d0.js": script(
                "d0",
                [
                    [location, "t", "x"]
                    for location in ("", "#summary", "a/#resolution", "a/#cause", "b/")
                ],
            ),
            "codes.json": '{"codes": [{"languages": {"it": {"url": "it/a/"}, '
            '"en": {"url": "en/a/"}}, "source": {"url": "https://example.com/"}}]}',
        },
    )
    assert check_site(tmp_path) == [
        "codes.json: dead link 'en/a/'",
        "it/search/kb/d0.js: dead link 'b/'",
        "it/search/kb/d0.js: missing anchor 'a/#cause': it/a/index.html has no id 'cause'",
    ]


def test_external_links_are_listed_with_their_pages(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "index.html": page(
                '<a href="https://b.example/">b</a><a href="https://a.example/x">a</a>'
                '<a href="mailto:help@example.com">m</a><a href="javascript:void(0)">j</a>'
                '<a href="it/">it</a>'
            ),
            "it/index.html": page('<a href="https://b.example/">b</a>'),
        },
    )
    assert external_links(tmp_path) == {
        "https://a.example/x": ["index.html"],
        "https://b.example/": ["index.html", "it/index.html"],
        "mailto:help@example.com": ["index.html"],
    }
