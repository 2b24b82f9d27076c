"""Local data import: templates, validation, archive, audit log, load and roll back (no Streamlit here).

An analyst uploads a CSV or XLSX file. Every row is checked **before anything is stored**; if any
check fails the whole file is rejected and each problem is listed with its row (as Excel numbers it:
the header is row 1), its column and a plain-English fix. An accepted file is archived under
`var/uploads/<upload_id>/` (the original file, its SHA-256 and a normalised CSV of the validated rows),
recorded in `var/uploads/manifest.json` (the audit log) and the store is rebuilt (`data.build.build`)
into a temporary file that is renamed into place: readers see all of the upload or none of it. If the
rebuild fails nothing is left behind (see `manifest` for the write-ahead intent). Writers are serialised by
a file lock (`var/.uploads.lock`).

Two formats (the Upload page and the README quote `kinds.FORMAT_DOC`).

The work is split by step, each module under dashboard/intake/: `kinds` (the two formats, FORMAT_DOC,
templates), `reading` (CSV/XLSX into text cells), `periods`, `checks` (check_file), `rows` (normalised rows,
ranges from the catalogue, totals against the county across active uploads), `reference` (what checks need
from the store), `manifest` (audit log, write-ahead intent, reconcile) and `archive` (accept, roll back).
This module is the one the Upload page and the tests import.
"""

from __future__ import annotations

from dashboard.intake.archive import accept_upload, rollback
from dashboard.intake.checks import check_file
from dashboard.intake.kinds import (
    COUNT_INDICATORS,
    COUNTY,
    FORMAT_DOC,
    KIND_COUNTY,
    KIND_LOCALITY,
    MAX_BYTES,
    MAX_ROWS,
    RATE_FOR_COUNT,
    template_csv,
    template_frame,
    template_xlsx,
)
from dashboard.intake.manifest import (
    active_keys,
    audit_events,
    audit_log,
    manifest_path,
    read_manifest,
    read_rows,
    reconcile,
    store_active_ids,
    uploads_dir,
)
from dashboard.intake.periods import parse_period
from dashboard.intake.problems import CheckResult, Problem, UploadError, UploadResult
from dashboard.intake.reference import Reference
from data.buildkit import writer_lock

__all__ = [
    "COUNT_INDICATORS",
    "COUNTY",
    "FORMAT_DOC",
    "KIND_COUNTY",
    "KIND_LOCALITY",
    "MAX_BYTES",
    "MAX_ROWS",
    "RATE_FOR_COUNT",
    "CheckResult",
    "Problem",
    "Reference",
    "UploadError",
    "UploadResult",
    "accept_upload",
    "active_keys",
    "audit_events",
    "audit_log",
    "check_file",
    "manifest_path",
    "parse_period",
    "read_manifest",
    "read_rows",
    "reconcile",
    "rollback",
    "store_active_ids",
    "template_csv",
    "template_frame",
    "template_xlsx",
    "uploads_dir",
    "writer_lock",
]
