"""Charts as registered views (see registry). Importing the package registers every family of charts: each
family module imports the registry and registers its views on import, so the list below is the whole set."""

from dashboard.views import education, outcomes, plan, profile, pyramids, registry, trends  # noqa: F401
