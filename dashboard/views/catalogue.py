"""Every chart the product shows, registered: import the registry API from here.

Importing this module imports each family of charts named in `FAMILY_NAMES`, and each registers its views into
the registry on import, so `REGISTRY` here is the whole set. The families import only the registry (never this
module), so there is no import cycle. A new family of charts is added to the list below.
"""

from importlib import import_module

from dashboard.views.registry import (
    REGISTRY,
    ChartSpec,
    NotInStore,
    ViewError,
    chart_ids,
    disclose,
    register,
    render_view,
)

FAMILY_NAMES = (
    "benchmark",
    "education",
    "history",
    "localities",
    "locality_compare",
    "locality_profile",
    "outcomes",
    "plan",
    "profile",
    "pyramids",
    "trends",
)
FAMILIES = tuple(import_module(f"dashboard.views.{name}") for name in FAMILY_NAMES)

__all__ = [
    "REGISTRY",
    "ChartSpec",
    "NotInStore",
    "ViewError",
    "chart_ids",
    "disclose",
    "register",
    "render_view",
    "FAMILIES",
]
