"""Upload local data (analysts only): templates, check a file, load it into the store, audit log, roll
back."""

import streamlit as st

from dashboard.intake import auth, uploads
from dashboard.present.tables import XLSX_MIME, safe_cells
from dashboard.ui.widgets import show_table

st.title("Upload local data")

user = auth.require_analyst()
if not user:
    st.markdown("This page is for council analysts. Viewers see the figures on the other pages.")
    st.stop()

top = st.columns([4, 1])
top[0].caption(f"Signed in as **{user}**. Every upload and roll-back is recorded with your name.")
if top[1].button("Sign out"):
    auth.sign_out()
    st.rerun()

st.markdown(
    "Load the council's own counts for localities and wards (or county figures the published "
    "statistics lack). Each file is checked in full before anything is stored; one problem rejects "
    "the whole file. Loading rebuilds the store in one step, so readers see all of the upload or none "
    "of it. Small counts are shown as `c` on every page and download (see About)."
)

st.subheader("1. Start from a template")
c1, c2 = st.columns(2)
for where, kind, label in (
    (c1, uploads.KIND_LOCALITY, "Locality and ward counts"),
    (c2, uploads.KIND_COUNTY, "County values, any indicator"),
):
    with where.container(border=True):
        st.markdown(f"**{label}**")
        name = kind.replace(" ", "_") + "_template"
        templates = (
            ("csv", uploads.template_csv(kind), "text/csv"),
            ("xlsx", uploads.template_xlsx(kind), XLSX_MIME),
        )
        for col, (ext, payload, mime) in zip(st.columns(len(templates)), templates):
            col.download_button(
                f"{ext.upper()} template",
                payload,
                file_name=f"{name}.{ext}",
                mime=mime,
                key=f"tpl_{ext}_{name}",
            )
with st.expander("The file format, rules and how rates are worked out", expanded=False):
    st.markdown(uploads.FORMAT_DOC)

st.subheader("2. Check a file")
f = st.file_uploader(
    "Choose a CSV or XLSX file",
    type=["csv", "xlsx"],
    accept_multiple_files=False,
    help=f"At most {uploads.MAX_BYTES // (1024 * 1024)} MB and {uploads.MAX_ROWS:,} rows.",
)
if f is not None:
    data = f.getvalue()
    try:
        result = uploads.check_file(data, f.name)
    except uploads.UploadError as e:
        st.error(str(e))
        result = None
    except Exception as e:  # never a traceback on the page
        st.error(f"The file could not be checked ({type(e).__name__}: {e}). Nothing was stored.")
        result = None
    if result is not None and not result.ok:
        st.error(
            f"**{f.name} was not loaded**: {len(result.problems)} problem(s). Fix them in the file and "
            "upload it again. Row numbers are as Excel shows them (the header is row 1)."
        )
        show_table(
            safe_cells(result.problems_frame()),
            column_config={
                "row": st.column_config.NumberColumn("Row", format="%d"),
                "problem": st.column_config.TextColumn("Problem", width="large"),
                "fix": st.column_config.TextColumn("How to fix it", width="large"),
            },
        )
    elif result is not None:
        st.success(
            f"{f.name} passed every check: {len(result.rows)} figure(s), {result.kind}"
            + (f" (sheet '{result.sheet}')" if result.sheet else "")
            + "."
        )
        if result.synthetic:
            st.warning("This file is marked SYNTHETIC: its figures will be labelled SYNTHETIC TEST DATA.")
        show_table(safe_cells(result.summary()))
        for w in result.warnings:
            st.info(w)
        if result.replaces:
            st.warning(
                "Loading this file **replaces** upload(s) "
                + ", ".join(result.replaces)
                + " (same indicators, periods and areas). They stay in the audit log, marked replaced."
            )
        if st.button("Load into the store", type="primary", key=f"load_{result.sha256}"):
            with st.spinner("Archiving the file and rebuilding the store..."):
                try:
                    done = uploads.accept_upload(data, f.name, user)
                except uploads.UploadError as e:
                    st.error(str(e))
                    if e.problems:
                        show_table(
                            safe_cells(uploads.CheckResult(f.name, "", problems=e.problems).problems_frame())
                        )
                except Exception as e:
                    st.error(f"Loading failed and nothing was changed ({type(e).__name__}: {e}).")
                else:
                    st.cache_data.clear()
                    st.success(
                        f"Loaded upload {done.upload_id}: {done.rows} figure(s)."
                        + (f" Replaced {', '.join(done.replaced)}." if done.replaced else "")
                    )

st.subheader("3. Audit log")
try:
    log = uploads.audit_log()
except uploads.UploadError as e:
    st.error(str(e))
    log = None
if log is not None and log.empty:
    st.info("No uploads yet.")
elif log is not None:
    show_table(safe_cells(log.drop(columns=["sha256"]).assign(sha256=log["sha256"].str[:12] + "…")))
    replaced = log[log["status"] == "replaced"]
    if not replaced.empty:
        st.caption(
            "Replaced uploads: "
            + "; ".join(f"{r.upload_id} (by {r.replaced_by})" for r in replaced.itertuples())
            + ". Their figures are no longer in the store; rolling back the newer upload restores them."
        )
    active = log[log["status"] == "active"]["upload_id"].tolist()
    if active:
        st.markdown(
            "**Roll back an upload** (its figures leave the store; the store returns to how it was "
            "before it was loaded)"
        )
        r1, r2 = st.columns([3, 1])
        pick = r1.selectbox(
            "Upload",
            active,
            key="rollback_pick",
            format_func=lambda u: f"{u} — {log.set_index('upload_id').at[u, 'file_name']}",
        )
        confirm = r1.checkbox(f"Yes, roll back {pick}", key=f"rollback_confirm_{pick}")
        if r2.button("Roll back", disabled=not confirm, key="rollback_go"):
            with st.spinner("Rebuilding the store..."):
                try:
                    revived = uploads.rollback(pick, user)
                except uploads.UploadError as e:
                    st.error(str(e))
                except Exception as e:
                    st.error(f"Roll-back failed and nothing was changed ({type(e).__name__}: {e}).")
                else:
                    st.cache_data.clear()
                    st.success(
                        f"Rolled back {pick}." + (f" Reinstated {', '.join(revived)}." if revived else "")
                    )
                    st.rerun()
    with st.expander("Every action (upload, replace, roll back)"):
        show_table(safe_cells(uploads.audit_events()))
