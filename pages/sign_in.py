"""Analyst sign-in: uploading and rolling back local data need it; viewers never need to sign in."""

import streamlit as st

from dashboard.intake import auth

st.title("Analyst sign-in")
st.markdown(
    "Analysts sign in to upload the partnership's own locality counts or roll an upload back. "
    "Everyone else can use every other page without signing in."
)
user = auth.require_analyst()
if user:
    st.success(f"Signed in as {user}. The **Upload local data** page is now in the menu.")
    if st.button("Sign out"):
        auth.sign_out()
        st.rerun()
