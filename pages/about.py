"""About: definitions, methods, data sources and licences, accessibility statement."""

import streamlit as st

from dashboard import config
from dashboard.store.connection import run
from dashboard.ui.widgets import show_table, table_panel

st.title("About this dashboard")
st.markdown("""
The Herefordshire children's needs and outcomes dashboard brings together the children's partnership's own
papers (2006–2015) and the published statistics (2012–2025), so the Partnership Board, commissioners and
presenters at Peer Challenge sessions can see where need sits, how Herefordshire compares and how services
were judged — every figure with its source, its as-at date and a comparator.
""")

st.header("Definitions")
st.markdown("""
- **Children looked after (LAC; DfE: CLA)** — children in the care of the local authority at **31 March**.
- **Child protection plan (CP)** — children subject to a plan at 31 March; before 2008 the *child protection
  register*.
- **Children in need (CIN)** — children assessed as in need under the Children Act 1989, at 31 March.
- **Rates per 10,000** — count ÷ children aged 0–17 (ONS mid-year estimate; DfE uses the previous
year's estimate
  for a 31 March rate) × 10,000. Youth justice first-time entrants are per 100,000 aged 10–17.
- **Attainment gaps** — the group's result minus its peers' result, in **percentage points** (points for
  Attainment 8). KS2 "level 4" (to 2015) and the "expected standard" (from 2016), and GCSE "5 A*–C" and
  "Attainment 8", measure different things and are kept as separate indicators.
- **Periods** — stocks are 31 March snapshots; flows are financial years (2024-25); attainment is by academic
  year; workforce is at 30 September. Figures from the council's papers keep the date the text gives
  ("end of April 2015" stays end of April).
- **Every Child Matters outcomes** — Be healthy; Stay safe; Enjoy and achieve; Make a positive contribution;
  Achieve economic well-being; plus service management / capacity to improve. JAR and APA grades (2005–2008):
  1 inadequate, 2 adequate, 3 good, 4 outstanding.
""")

st.header("Methods")
st.markdown(f"""
- **Confidence intervals** — Wilson score intervals for proportions; Byar's approximation for counts and rates
  (exact Poisson when the count is under 10), at 95%. Computed with statsmodels and scipy.
- **Significance** — "significantly higher / lower than England" only when the two 95% intervals do not
overlap;
  otherwise "similar".
- **Polarity** — each indicator is *high is good*, *low is good* or *no judgement*. Demand measures (LAC, CP
  and CIN rates) are no-judgement: they are compared as higher / similar / lower, never coloured good or bad.
- **Statistical neighbours** — the DfE model gives Herefordshire ten neighbours. The April 2021 list applies
to
  years up to 2024 and the May 2025 list from 2025; every neighbour figure names its list and its method
  (mean of the neighbours' values, median, or a pooled rate where counts and populations exist).
- **Disclosure control** — below the county, counts from 1 to {config.disclosure_threshold() - 1} are shown as
  `c` (the threshold is configurable), rates built on them are suppressed too, and at least one more figure is
  suppressed whenever one is, so a hidden figure cannot be worked out from the others and the county total.
  Downloads and exports follow the same rules as the screen.
- **Localities** — approximated from electoral wards (a proposal, not an official council lookup); South Wye
  (Hereford south of the Wye) is shown on its own and inside Hereford City.
- **Published symbols** — `c` confidential, `k` rounds to zero, `u` low reliability, `x` not available,
  `z` not applicable.
""")
try:
    from dashboard.analysis import disclosure

    with st.expander("Disclosure control rules in full"):
        st.markdown(disclosure.__doc__ or "")
except ImportError:
    pass

st.header("Data sources and licences")
docs = run("sources_documents")
st.markdown(
    f"The figures come from {int((docs['kind'] == 'seed document').sum())} council papers and "
    f"{int((docs['kind'] == 'publication').sum())} publications (DfE statistics, population estimates, the "
    "indices of deprivation, statistical-neighbour models). The list gives each one's publisher, date and "
    "licence."
)
if panel := table_panel("Every source: publisher, date, licence, figures", "panel_about_sources"):
    with panel:
        show_table(docs[["title", "kind", "publisher", "published_date", "licence", "n_figures", "url"]])
st.markdown("""
Contains public sector information licensed under the Open Government Licence v3.0. Sources: Department for
Education (Children looked after in England; Characteristics of children in need; Children's social work
workforce; Outcomes for children in need; KS2/KS4 attainment via the Local Authority Interactive Tool), Youth
Justice Board (first-time entrants, via LAIT), ONS mid-year population estimates, MHCLG English Indices of
Deprivation 2015/2019/2025. IMD 2019 scores via mySociety composite UK IMD (CC BY 4.0). Boundaries: ONS
(Open Government Licence; contains OS data © Crown copyright and database right).
The council papers are Herefordshire Council public records, transcribed by OCR; damaged figures are kept as
printed, with a note.
""")
if panel := table_panel("How this store was built", "panel_about_build"):
    with panel:
        show_table(run("build_log"))

st.header("Accessibility statement")
st.markdown("""
We want everyone who needs these figures to be able to use them.
- Every chart has a written description, a data table and CSV / XLSX downloads.
- Colour is never the only cue: series also differ by marker shape and line style, and grades are written in
  each cell.
- Colours are the Government Analysis Function palette, chosen for contrast and colour-vision deficiency.
- Filters are ordinary form controls that work with a keyboard; the presenter mode moves with the arrow keys.
- The dashboard works with no internet connection: no fonts, maps or scripts are fetched from elsewhere.

Known limits: Plotly charts are not fully readable by screen readers — use the data tables. Maps have a
table alternative on the Localities page. To report a problem, contact the partnership's performance team.
""")
