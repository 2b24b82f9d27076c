"""Every chart the product shows, registered: import the registry API from here.

Importing this module imports each family of charts, and each registers its views into the registry on
import, so `REGISTRY` here is the whole set. The families import only the registry (never this module), so
there is no import cycle. A new family of charts (the locality maps included) is added to the list below.
"""

from dashboard.views import (
    benchmark,
    education,
    history,
    localities,
    locality_profile,
    outcomes,
    plan,
    profile,
    pyramids,
    trends,
)
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

FAMILIES = (
    benchmark,
    education,
    history,
    localities,
    locality_profile,
    outcomes,
    plan,
    profile,
    pyramids,
    trends,
)
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
