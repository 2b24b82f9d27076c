"""Streamlit glue: widgets bound to the URL, tables, chart blocks."""
