"""Paths and settings, each overridable by an environment variable."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def store_path() -> Path:
    return Path(os.environ.get("STORE_PATH", ROOT / "data" / "store.duckdb"))


def public_data_dir() -> Path:
    return Path(os.environ.get("PUBLIC_DATA_DIR", ROOT.parent / "shared" / "public")).resolve()


def seeds_dir() -> Path:
    from data.seedcheck import seeds_dir as _seeds

    return _seeds()


def var_dir() -> Path:
    """Runtime state that is not code: uploads archive, audit log. Git-ignored."""
    return Path(os.environ.get("DASHBOARD_VAR_DIR", ROOT / "var"))


def disclosure_threshold() -> int:
    """Counts below this (at any geography below the county) are suppressed. Default 5."""
    try:
        return max(1, int(os.environ.get("DISCLOSURE_THRESHOLD", "5")))
    except ValueError:
        return 5


QUERIES_DIR = ROOT / "queries"
