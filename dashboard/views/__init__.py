"""Views: the chart registry and the figure builders behind every chart. No Streamlit."""
