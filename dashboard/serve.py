"""Start the app: python -m dashboard.serve [streamlit options]  (what `make run` and the tests use).

Streamlit treats a `pages/` folder beside the main script as a legacy multipage app and, for a first
request to a page's URL, runs that page file on its own — without app.py's router, filters and error
handling. Our `pages/` holds layout modules routed by st.navigation in app.py, so the legacy mode is
switched off before the server starts.
"""

from __future__ import annotations

import sys

from dashboard.config import ROOT


def main(argv: list[str] | None = None) -> None:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
