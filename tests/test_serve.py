"""Server start-up (dashboard/serve.py): the libraries are frozen out of the collection Streamlit runs after
every script, once per process."""

from __future__ import annotations

import subprocess
import sys

from dashboard.config import ROOT

PROBE = """
import gc, sys
from dashboard.serve import LONG_LIVED, freeze_long_lived
frozen = freeze_long_lived()
again = freeze_long_lived()
tracked = len(gc.get_objects())
print(frozen, again, tracked, all(m in sys.modules for m in LONG_LIVED))
"""


def test_freeze_long_lived_leaves_the_collector_little_to_walk():
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    ).stdout.split()
    frozen, again, tracked, imported = int(out[0]), int(out[1]), int(out[2]), out[3] == "True"
    assert imported, "every library in LONG_LIVED is imported before the freeze"
    assert frozen > 100_000, f"only {frozen} objects frozen: the libraries were not loaded first"
    assert again == frozen, "a second call (app.py's, after serve's) freezes nothing more"
    assert tracked * 10 < frozen, f"the collector still walks {tracked} objects against {frozen} frozen"


def test_app_and_server_both_call_it():
    assert "freeze_long_lived()" in (ROOT / "app.py").read_text(encoding="utf-8")
    serve = (ROOT / "dashboard" / "serve.py").read_text(encoding="utf-8")
    main = serve[serve.index("def main(") : serve.index("def free_port(")]
    assert main.index("freeze_long_lived()") < main.index("cli.main()")


def test_no_page_relies_on_magic():
    """.streamlit/config.toml turns magic off: a bare expression on a page would show nothing."""
    import ast

    assert "magicEnabled = false" in (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    for f in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]:
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Expr) and not isinstance(node.value, (ast.Call, ast.Await, ast.Constant)):
                raise AssertionError(f"{f.name}:{node.lineno} is a bare expression: {ast.unparse(node)[:80]}")
