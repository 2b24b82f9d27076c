-- The store's schema. Built by `make store` (python -m data.build) into a temporary file that is
-- renamed over data/store.duckdb, so a running app never sees half a build.
-- Staged: every loader writes these tables; the `facts` view is the contract other code relies on.

CREATE TABLE sources (
    source_id      VARCHAR PRIMARY KEY,   -- seed: the file name exactly; publication: short id
    title          VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL CHECK (kind IN ('seed document', 'publication', 'upload', 'project')),
    publisher      VARCHAR,
    published_date DATE,                  -- date of the document / release
    file_name      VARCHAR,               -- file it was read from (seed file name, public pack file)
    licence        VARCHAR,
    url            VARCHAR,
    purpose        VARCHAR,               -- what the document is, in a sentence
    note           VARCHAR,
    short_title    VARCHAR,               -- how readers name it: 'Cabinet report, 24 January 2008'
    caveat         VARCHAR                -- what a reader must know (e.g. 'since revised'); shown with its figures
);

-- How every page, table, hover, download and slide names a source (never by its file name; only the Sources
-- page shows files): a council paper by its short title and date, a publication by its title, publisher and
-- date. dashboard/present/sources.py adds the line: 'Cabinet report, 24 January 2008, line 62'.
CREATE MACRO source_label(kind, title, short_title, publisher, published_date) AS
    CASE WHEN nullif(short_title, '') IS NOT NULL THEN short_title
         WHEN kind = 'seed document' THEN title || coalesce(', ' || strftime(published_date, '%-d %B %Y'), '')
         ELSE title || coalesce(' (' || concat_ws(', ', publisher, strftime(published_date, '%-d %B %Y')) || ')', '')
    END;

CREATE TABLE areas (
    area_code   VARCHAR PRIMARY KEY,      -- ONS code where one exists (E06000019), else a project code (LOC-...)
    area_name   VARCHAR NOT NULL,
    area_type   VARCHAR NOT NULL CHECK (area_type IN (
                    'country', 'region', 'local authority', 'statistical neighbours',
                    'police force area', 'locality', 'sub-locality', 'ward', 'LSOA', 'MSOA', 'team')),
    parent_code VARCHAR,                  -- e.g. a ward's locality, a locality's county
    old_la_code VARCHAR,                  -- DfE three-digit code for local authorities
    note        VARCHAR
);

CREATE TABLE indicators (
    indicator_id VARCHAR PRIMARY KEY,     -- LAIT measure code where the measure is LAIT's, else snake_case
    name         VARCHAR NOT NULL,
    definition   VARCHAR,
    unit         VARCHAR NOT NULL,        -- 'count', 'rate per 10,000 children aged 0-17', '%', '£', ...
    polarity     VARCHAR NOT NULL CHECK (polarity IN ('high is good', 'low is good', 'no judgement')),
    ecm_outcome  VARCHAR,                 -- Every Child Matters outcome (or 'Service management')
    topic        VARCHAR,
    period_type  VARCHAR,                 -- '31 March snapshot', 'financial year', 'academic year', ...
    decimals     INTEGER,
    source_link  VARCHAR,
    multiplier   DOUBLE,                  -- value = numerator / denominator * multiplier (rates, %)
    caveat       VARCHAR,                 -- shown wherever the indicator is shown
    origin       VARCHAR,                 -- 'LAIT dictionary', 'project', 'seed'
    count_indicator VARCHAR               -- on a rate: the count indicator that is its numerator (disclosure
                                          -- control hides the rate with its count; uploads derive the rate)
);

CREATE TABLE observations (
    obs_id        VARCHAR PRIMARY KEY,
    indicator_id  VARCHAR NOT NULL,
    area_code     VARCHAR NOT NULL,
    period_label  VARCHAR NOT NULL,       -- as the source gives it: '31 March 2006', '2024-25', 'end of April 2015'
    period_start  DATE,
    period_end    DATE,                   -- the as-at date for a snapshot
    value         DOUBLE,                 -- NULL when status says why
    numerator     DOUBLE,
    denominator   DOUBLE,
    status        VARCHAR,                -- NULL, or a published symbol: c k u x z
    value_type    VARCHAR NOT NULL DEFAULT 'actual'
                  CHECK (value_type IN ('actual', 'target', 'baseline', 'estimate', 'allocation')),
    source_id     VARCHAR NOT NULL,
    source_line   INTEGER,                -- 1-based line in a seed document
    source_quote  VARCHAR,                -- exact substring of that line
    note          VARCHAR,                -- doubts: OCR damage, '%' printed on a rate, non-reconciling counts
    upload_id     VARCHAR                 -- set for rows that came from an analyst upload
);

CREATE TABLE judgements (
    judgement_id    VARCHAR PRIMARY KEY,
    framework       VARCHAR NOT NULL,     -- 'JAR 2005', 'APA 2006 self-assessment', 'APA 2007', 'Ofsted ...'
    judgement_date  DATE,
    period_label    VARCHAR,
    outcome         VARCHAR,              -- ECM outcome, 'Service management', 'Capacity to improve', or setting type
    subject         VARCHAR,              -- what was judged
    area_code       VARCHAR,
    grade           INTEGER,              -- 1 inadequate .. 4 outstanding (JAR/APA); Ofsted 1 outstanding .. 4 inadequate mapped in grade_label
    grade_label     VARCHAR,
    scale           VARCHAR,
    source_id       VARCHAR NOT NULL,
    source_line     INTEGER,
    source_quote    VARCHAR,
    note            VARCHAR
);

CREATE TABLE statements (
    statement_id   VARCHAR PRIMARY KEY,
    statement_date DATE,
    kind           VARCHAR NOT NULL,      -- 'strength', 'area for improvement', 'priority', 'evidence of progress', ...
    outcome        VARCHAR,
    text           VARCHAR NOT NULL,
    parent_id      VARCHAR,               -- e.g. evidence of progress -> its area for improvement
    source_id      VARCHAR NOT NULL,
    source_line    INTEGER,
    source_quote   VARCHAR
);

CREATE TABLE recommendations (
    rec_id       INTEGER PRIMARY KEY,     -- 1..17
    text         VARCHAR NOT NULL,
    rec_group    VARCHAR,
    timescale    VARCHAR,
    ecm_outcome  VARCHAR,
    source_id    VARCHAR NOT NULL,
    source_line  INTEGER,
    source_quote VARCHAR
);

CREATE TABLE actions (
    action_id        VARCHAR PRIMARY KEY, -- e.g. '1.3'
    rec_id           INTEGER NOT NULL,
    text             VARCHAR NOT NULL,
    lead             VARCHAR,
    partners         VARCHAR,
    target_date      DATE,
    target_text      VARCHAR,
    success_measures VARCHAR,
    source_id        VARCHAR NOT NULL,
    source_line      INTEGER,
    source_quote     VARCHAR
);

CREATE TABLE progress_reports (
    progress_id   VARCHAR PRIMARY KEY,
    rec_id        INTEGER NOT NULL,
    action_id     VARCHAR,                -- NULL when the report speaks of the whole recommendation
    report_date   DATE NOT NULL,
    report_label  VARCHAR,
    progress_text VARCHAR NOT NULL,
    source_id     VARCHAR NOT NULL,
    source_line   INTEGER,
    source_quote  VARCHAR
);

CREATE TABLE plan_leads (
    initials VARCHAR PRIMARY KEY,
    role     VARCHAR NOT NULL,
    source_id VARCHAR, source_line INTEGER, source_quote VARCHAR
);

CREATE TABLE rec_indicators (
    rec_id       INTEGER NOT NULL,
    indicator_id VARCHAR NOT NULL,
    why          VARCHAR,
    PRIMARY KEY (rec_id, indicator_id)
);

CREATE TABLE sn_lists (
    model        VARCHAR NOT NULL,        -- 'April 2021', 'May 2025'
    rank         INTEGER NOT NULL,
    la_code      VARCHAR NOT NULL,        -- ONS code
    old_la_code  VARCHAR,
    la_name      VARCHAR,
    closeness    VARCHAR,
    in_force_from INTEGER,                -- first year (31 March / academic year end) the list applies to
    in_force_to   INTEGER,
    PRIMARY KEY (model, rank)
);

CREATE TABLE geometries (
    area_code  VARCHAR NOT NULL,
    layer      VARCHAR NOT NULL,          -- 'locality', 'sub-locality', 'locality-variant', 'ward', 'lsoa21', 'lsoa11', 'county'
    geojson    VARCHAR NOT NULL,          -- simplified, rings oriented for Plotly (exterior clockwise)
    PRIMARY KEY (area_code, layer)
);

CREATE TABLE ward_locality (
    ward_code  VARCHAR PRIMARY KEY,
    ward_name  VARCHAR NOT NULL,
    locality   VARCHAR NOT NULL,          -- locality area code (LOC-...)
    sub_area   VARCHAR,                   -- Hereford sub-area code, where one applies
    confidence VARCHAR,
    note       VARCHAR
);

CREATE TABLE lsoa_locality (
    lsoa_code  VARCHAR NOT NULL,
    lsoa_name  VARCHAR,
    vintage    VARCHAR NOT NULL,          -- '2011' or '2021'
    ward_code  VARCHAR,
    locality   VARCHAR,
    fit        VARCHAR,                   -- how the LSOA was given its ward: the ONS lookup or area-based best fit
    PRIMARY KEY (lsoa_code, vintage)
);

-- Schools (GIAS open establishments) placed in their 2025 ward by point in polygon (data/loaders/smallarea_schools.py).
CREATE TABLE schools (
    urn         VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    type        VARCHAR,
    type_group  VARCHAR,
    phase       VARCHAR,
    pupils      DOUBLE,                   -- GIAS number of pupils
    pct_fsm     DOUBLE,                   -- GIAS % eligible for free school meals (blank for some)
    lon         DOUBLE,
    lat         DOUBLE,
    ward_code   VARCHAR,
    locality    VARCHAR,                  -- locality area code
    sub_area    VARCHAR,                  -- Hereford sub-area code, where one applies
    source_id   VARCHAR NOT NULL
);

CREATE TABLE uploads (
    upload_id    VARCHAR PRIMARY KEY,
    file_name    VARCHAR,
    sha256       VARCHAR,
    uploaded_by  VARCHAR,
    uploaded_at  TIMESTAMP,
    kind         VARCHAR,
    rows_loaded  INTEGER,
    status       VARCHAR,                 -- 'active', 'replaced', 'rolled back'
    note         VARCHAR
);

-- The seed documents' text, line by line, so the Sources page can show any quote in context.
CREATE TABLE document_lines (
    source_id VARCHAR NOT NULL,
    line_no   INTEGER NOT NULL,           -- 1-based, as cited by source_line
    text      VARCHAR NOT NULL,
    PRIMARY KEY (source_id, line_no)
);

CREATE TABLE build_log (
    step     VARCHAR NOT NULL,
    source   VARCHAR,
    rows     INTEGER,
    status   VARCHAR NOT NULL,            -- 'loaded', 'skipped', 'failed'
    message  VARCHAR,
    logged_at TIMESTAMP DEFAULT current_timestamp
);

-- The contract: one row per observation, with its provenance.
CREATE VIEW facts AS
SELECT
    o.obs_id,
    o.indicator_id,
    i.name                              AS indicator,
    o.area_code,
    a.area_name                         AS area,
    a.area_type,
    a.parent_code,
    o.period_label                      AS period,
    o.period_start,
    o.period_end,
    o.value,
    i.unit,
    o.status,
    o.value_type,
    o.numerator,
    o.denominator,
    source_label(s.kind, s.title, s.short_title, s.publisher, s.published_date) AS source_document,
    s.kind                              AS source_kind,
    o.source_id,
    o.source_line,
    o.source_quote,
    o.note,
    o.upload_id,
    i.polarity,
    i.ecm_outcome,
    i.topic
FROM observations o
JOIN indicators i USING (indicator_id)
JOIN areas a      USING (area_code)
JOIN sources s    USING (source_id);

-- 95% intervals in SQL, used by data/models/30_comparators.sql (cross-checked against dashboard/analysis/stats.py
-- in tests/test_stats.py): Wilson score for percentages
-- (multiplier 100); Byar's approximation for rates per 1,000 / 10,000 / 100,000, exact Poisson limits
-- (tabulated chi-squared, counts 0-9) under 10.
CREATE MACRO ci_method(value, num, den, m) AS
    CASE WHEN value IS NULL OR num IS NULL OR coalesce(den, 0) <= 0 THEN NULL
         WHEN m = 100 AND num <= den THEN 'Wilson'
         WHEN m IN (1000, 10000, 100000) AND num >= 10 THEN 'Byar'
         WHEN m IN (1000, 10000, 100000) THEN 'exact Poisson' END;

CREATE MACRO ci_bound(method, num, den, m, side) AS
    CASE method
        WHEN 'Wilson' THEN 100 * (num / den + 1.959964 ^ 2 / (2 * den) + side * 1.959964
             * sqrt((num / den) * (1 - num / den) / den + 1.959964 ^ 2 / (4 * den * den))) / (1 + 1.959964 ^ 2 / den)
        WHEN 'Byar' THEN CASE WHEN side < 0
             THEN num * power(1 - 1 / (9 * num) - 1.959964 / (3 * sqrt(num)), 3) / den * m
             ELSE (num + 1) * power(1 - 1 / (9 * (num + 1)) + 1.959964 / (3 * sqrt(num + 1)), 3) / den * m END
        WHEN 'exact Poisson' THEN (CASE WHEN side < 0
             THEN [0.0, 0.0253178080, 0.2422092785, 0.6186721229, 1.0898653736, 1.6234863901, 2.2018942535,
                   2.8143630515, 3.4538321767, 4.1153730974]
             ELSE [3.6888794541, 5.5716433909, 7.2246876677, 8.7672730697, 10.2415886754, 11.6683320793,
                   13.0594740225, 14.4226753617, 15.7631892202, 17.0848034514]
             END)[CAST(round(num) AS INTEGER) + 1] / den * m END;

-- Every council's value of LAIT's 44 key measures (lait_key_indicators_all_las.csv, all rows as published),
-- with LAIT's rank and quartile band worked out at build time for every indicator-year (dashboard.analysis.ranks):
-- LAs only, ties share the best rank, missing values unranked, type-7 quartiles, A = best quarter by polarity;
-- rank and band only where the measure has a High/Low polarity; n_lower / n_higher position for any measure.
CREATE TABLE lait_all_las (
    indicator_id     VARCHAR NOT NULL,
    period_label     VARCHAR NOT NULL,
    period_end       DATE,
    la_number        VARCHAR NOT NULL,
    area_name        VARCHAR NOT NULL,
    area_code        VARCHAR,                -- ONS code as the file gives it (new_la_code)
    geographic_level VARCHAR NOT NULL,       -- la, region, london_inner_outer, national
    region           VARCHAR,
    value            DOUBLE,
    status           VARCHAR,                -- 'x' where LAIT shows '-' (not published)
    polarity         VARCHAR,                -- LAIT's: High, Low, '-' or NA
    rank             INTEGER,
    n_ranked         INTEGER,
    band             VARCHAR CHECK (band IN ('A', 'B', 'C', 'D')),
    q1               DOUBLE,
    q2               DOUBLE,
    q3               DOUBLE,
    n_lower          INTEGER,                -- LAs with a strictly lower value
    n_higher         INTEGER,                -- LAs with a strictly higher value
    n_valued         INTEGER,                -- LAs with a value that year
    PRIMARY KEY (indicator_id, period_label, la_number)
);
