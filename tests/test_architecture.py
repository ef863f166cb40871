"""The package's shape holds: a low module loads only what it needs (the layers themselves
are import-linter's contracts in pyproject.toml, run by ``make lint``)."""

from __future__ import annotations

import subprocess
import sys


def loaded_by(module: str) -> set[str]:
    """The package's modules a fresh interpreter has loaded after importing ``module``."""
    script = (
        f"import sys, {module}\n"
        "print('\\n'.join(m for m in sys.modules if m.startswith('activation_kb')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_the_code_forms_load_nothing_else() -> None:
    assert loaded_by("activation_kb.domain.codes") == {
        "activation_kb",
        "activation_kb.domain",
        "activation_kb.domain.codes",
        "activation_kb.domain.errors",
    }


def test_rendering_loads_no_engine_and_no_io_layer() -> None:
    loaded = loaded_by("activation_kb.render.files")
    layers = {module.split(".")[1] for module in loaded if "." in module}
    assert layers == {"domain", "render"}
    assert "activation_kb.parallel" not in loaded
