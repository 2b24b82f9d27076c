"""Views: the chart registry and the figure builders behind every chart. No Streamlit."""

from dashboard.views import localities, locality_profile  # noqa: E402, F401  (register the locality views)
