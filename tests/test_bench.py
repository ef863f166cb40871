"""The benchmark's tools: synthetic content that passes kb check, and the README table."""

from __future__ import annotations

from pathlib import Path

from activation_kb.check.rules import checked_content
from activation_kb.domain.codes import parse_code
from bench.report import END, START, ratios, tables, update_readme
from bench.synthetic import FACILITY_PREFIXES, synthetic_codes, write_content


def test_synthetic_content_passes_kb_check(tmp_path: Path) -> None:
    codes = write_content(60, tmp_path)
    content = checked_content(tmp_path)
    assert [record.code for record in content.records] == codes == sorted(codes)
    assert {parse_code(code) >> 16 for code in codes} == set(FACILITY_PREFIXES)
    assert all(len(record.related) == 2 for record in content.records)


def test_the_first_codes_do_not_depend_on_how_many_are_made() -> None:
    assert synthetic_codes(3000)[:30] == synthetic_codes(30)


def _row(n: int, wall: float) -> dict[str, object]:
    return {
        "n": n,
        "wall_s": wall,
        "cpu_s": wall,
        "generate_s": wall / 50,
        "generate_cpu_s": wall / 50,
        "engine_s": {"it": wall / 2, "en": wall / 2},
        "check_s": 0.1,
        "offline_s": 0.1,
        "zip_s": 0.1,
        "wall_over_sum": 0.65,
        "wall_over_serial": 0.55,
        "generate_share": 0.02,
        "peak_tree_rss_mb": 100.0,
        "max_process_rss_mb": 50.0,
        "site_mb": 1.0,
        "bundle_bytes": 2**20,
        "search_index_bytes": {"it": 2048, "en": 2048},
        "code_page_bytes": 20_000,
        "first_load_gzip_bytes": 70_000,
    }


def test_the_readme_table_is_replaced_between_its_markers(tmp_path: Path) -> None:
    rows = [_row(300, 10.0), _row(3000, 80.0)]
    result = {
        "machine": {
            "cpus": 2,
            "cpu": "x",
            "memory_gb": 1.0,
            "python": "3.11",
            "platform": "Linux",
            "load_average_before": [0.5, 0.4, 0.3],
            "date": "today",
        },
        "rows": rows,
        "ratios": ratios(rows),
    }
    assert result["ratios"]["wall_growth_10x"] == {"3000/300": 8.0}
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\n{START}\nold\n{END}\n\nAfter.\n", encoding="utf-8")
    update_readme(readme, result)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\n") and text.endswith("\n\nAfter.\n")
    assert "old" not in text and tables(result) in text
    assert "| 3,000 |" in text and "**8.00**" in text
    # The parallelism target is read against each stage's time alone.
    assert result["ratios"]["worst_wall_over_serial"] == 0.55
    assert "**0.55** (target ≤ 0.6); with each stage's wall time: 0.65" in text
