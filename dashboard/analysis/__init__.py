"""Analysis: statistics, comparators, disclosure control, trends, gaps, plan status. No Streamlit."""
