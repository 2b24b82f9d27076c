"""Presentation: stories, exports, theme and number/date formatting. No Streamlit."""
