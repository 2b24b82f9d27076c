"""The dashboard's logic: store access, statistics, charts, disclosure control and exports.

Plain functions with tests; the Streamlit pages in `pages/` only lay out what these return."""
