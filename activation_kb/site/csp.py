"""The Content-Security-Policy's hashes of a built site, as a file nginx includes.

The served site runs no inline script the policy does not name: Material writes a few
small ones on every page (``__md_scope``, the palette, the search configuration's
reader), and the root ``index.html``, ``404.html`` and ``go/index.html`` have theirs. The
build hashes every one it finds (:mod:`activation_kb.site.htmlscan`, while it checks the
site) and writes them into the site as :data:`NGINX_FILE`, two nginx ``map`` blocks that
``deploy/nginx/activation-kb.conf`` includes and names in its ``script-src`` and
``style-src``: the policy then allows exactly the inline code of the site it serves, with
no ``'unsafe-inline'``. The file travels with the site (``rsync``), and nginx reads it when
it is reloaded, which a deployment does after copying a new site.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["NGINX_FILE", "SCRIPT_VARIABLE", "STYLE_VARIABLE", "nginx_snippet"]

NGINX_FILE = ".kb/nginx-csp.conf"
"""Where in the site the snippet goes (nginx's configuration must not serve ``/.kb/``)."""
SCRIPT_VARIABLE = "$activation_kb_script_hashes"
STYLE_VARIABLE = "$activation_kb_style_hashes"


def nginx_snippet(scripts: Iterable[str], styles: Iterable[str]) -> str:
    """Two nginx ``map`` blocks (http context) setting :data:`SCRIPT_VARIABLE` and
    :data:`STYLE_VARIABLE` to the hashes (``'sha256-…'``) of the inline scripts and styles."""
    lines = [
        "# Written by `kb build` for this very site: the hashes of its inline scripts and",
        "# styles, which deploy/nginx/activation-kb.conf allows by name in its",
        "# Content-Security-Policy. Reload nginx after publishing a new site.",
    ]
    for variable, hashes in ((SCRIPT_VARIABLE, scripts), (STYLE_VARIABLE, styles)):
        lines += [f"map $uri {variable} {{", f'    default "{" ".join(sorted(hashes))}";', "}"]
    return "\n".join(lines) + "\n"
