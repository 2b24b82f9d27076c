"""plotly.js partial bundles served from static/ (git-ignored): pins, set-up and the start-up check.

`python -m dashboard.ui.plotly_bundles` (a Makefile step `make run` and `make test` depend on) fetches each
bundle with `npm pack` into a temporary folder, checks the tarball against the pinned sha512 integrity and
the dist file against its pinned sha256, and copies it to static/. The version is the plotly.js that the
installed Python plotly bundles (a test keeps the two equal), so figures drawn by our renderer
(dashboard/ui/plotly_chart.py) mean what they mean in st.plotly_chart and in the exports.

`check()` raises BundleMissing naming the missing or damaged file and the command that installs it; the
server (dashboard/serve.py) calls it before starting, so the app never starts without its renderer.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from dashboard.config import ROOT

STATIC = ROOT / "static"
PLOTLY_JS_VERSION = "4.1.1"
INSTALL_COMMAND = "make static (or: .venv/bin/python -m dashboard.ui.plotly_bundles)"


@dataclass(frozen=True)
class Bundle:
    name: str  # what plotly_chart calls it
    package: str  # npm package
    file: str  # the dist file inside the package, and its name in static/
    integrity: str  # the npm tarball's sha512 (as `npm view <package>@<version> dist.integrity` prints it)
    sha256: str  # the dist file's
    traces: frozenset[str]  # the trace types the bundle registers

    @property
    def path(self) -> Path:
        return STATIC / self.file

    @property
    def url(self) -> str:
        return "/app/static/" + self.file


BUNDLES = (
    Bundle(
        "basic",
        "plotly.js-basic-dist-min",
        "plotly-basic.min.js",
        "sha512-1oNF8PeQx2hv/y7tqEVWKD3JGwn/MGEMQ8mL9HUwsaqG9FGy/OU5FHUHvzqbqxN4mnwZGI9abTiE775C4kkjMQ==",
        "99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba",
        frozenset({"scatter", "bar", "pie"}),
    ),
    Bundle(
        "geo",
        "plotly.js-geo-dist-min",
        "plotly-geo.min.js",
        "sha512-XPBno+FN2WGUTqtim/0UKmKqZ3kZ5ooAWqITWWGooqVWRd+cIZDh1Pv10N3848uQdgrrqyGratT00bREBPux3Q==",
        "3da0a26e92ce47dad2b18c6e7cf5018335a003f50f5fe41710f52508af579b7c",
        frozenset({"scatter", "scattergeo", "choropleth"}),
    ),
)


class BundleMissing(RuntimeError):
    pass


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sri(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def bundle_for(trace_types: set[str]) -> Bundle | None:
    """The first bundle registering every one of `trace_types`, or None (the figure needs the full bundle)."""
    return next((b for b in BUNDLES if trace_types <= b.traces), None)


@functools.cache
def check() -> None:
    """Every bundle is in static/ and is the pinned file; else BundleMissing saying how to install it."""
    for b in BUNDLES:
        if not b.path.is_file():
            raise BundleMissing(f"{b.path} is missing: the Plotly renderer needs it. Run {INSTALL_COMMAND}.")
        if _sha256(b.path) != b.sha256:
            raise BundleMissing(
                f"{b.path} is not the pinned {b.package}@{PLOTLY_JS_VERSION} (sha256 differs). "
                f"Run {INSTALL_COMMAND}."
            )


def install(bundle: Bundle, npm: str = "npm") -> Path:
    """npm pack the pinned package into a temporary folder, check it, copy its dist file to static/."""
    spec = f"{bundle.package}@{PLOTLY_JS_VERSION}"
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run(
            [npm, "pack", spec, "--silent", "--pack-destination", tmp],
            capture_output=True,
            text=True,
            timeout=300,
        )
        tarballs = list(Path(tmp).glob("*.tgz"))
        if run.returncode != 0 or len(tarballs) != 1:
            raise BundleMissing(f"npm pack {spec} failed: {(run.stderr or run.stdout).strip()[-800:]}")
        if _sri(tarballs[0]) != bundle.integrity:
            raise BundleMissing(f"{spec}: the tarball's sha512 is not the pinned one; not installed")
        with tarfile.open(tarballs[0]) as tar:
            tar.extract(f"package/{bundle.file}", tmp, filter="data")
        dist = Path(tmp) / "package" / bundle.file
        if _sha256(dist) != bundle.sha256:
            raise BundleMissing(f"{spec}: {bundle.file}'s sha256 is not the pinned one; not installed")
        STATIC.mkdir(exist_ok=True)
        part = bundle.path.with_suffix(".part")
        shutil.copyfile(dist, part)
        part.replace(bundle.path)
    return bundle.path


def main() -> int:
    npm = shutil.which("npm")
    if npm is None:
        print(
            "npm is required to install the plotly.js partial bundles (apt-get install npm)", file=sys.stderr
        )
        return 1
    try:
        for b in BUNDLES:
            if b.path.is_file() and _sha256(b.path) == b.sha256:
                continue
            print(f"installing {b.package}@{PLOTLY_JS_VERSION} -> {install(b, npm).relative_to(ROOT)}")
        check.cache_clear()
        check()
    except BundleMissing as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
