-- purpose: for each indicator tied to an Every Child Matters outcome, Herefordshire's latest figure (published statistics before council papers) and England's for the same date
-- params: none
-- columns: ecm_outcome, indicator_id, indicator, unit, polarity, decimals, area_code, period, period_end, value, status, value_type, source_kind, source_document, source_line, source_quote, numerator, denominator, multiplier, lait_polarity, rank, n_ranked, band, n_lower, n_higher, n_valued
-- local_facts: Herefordshire's and England's rows, kept apart by data/build.py finalize(); lait_all_las: the rank
-- and band among all councils (LAIT's rule) for Herefordshire's published figure of LAIT's key measures.
WITH here AS (
    SELECT f.*,
           row_number() OVER (PARTITION BY f.indicator_id
                              ORDER BY f.source_kind = 'publication' DESC, f.period_end DESC, f.source_line) AS rn
    FROM local_facts f
    WHERE f.ecm_outcome IS NOT NULL AND f.area_code = 'E06000019' AND f.value IS NOT NULL
      AND f.period_end IS NOT NULL AND f.value_type = 'actual'
),
latest AS (SELECT * FROM here WHERE rn = 1),
ranked AS (
    SELECT l.*, b.polarity AS lait_polarity, b.rank, b.n_ranked, b.band, b.n_lower, b.n_higher, b.n_valued
    FROM latest l
    LEFT JOIN lait_all_las b ON b.indicator_id = l.indicator_id AND b.period_label = l.period
         AND b.la_number = '884' AND l.source_kind = 'publication'
),
eng AS (
    SELECT f.indicator_id, f.period_end, f.source_kind, any_value(f.value) AS value, any_value(f.period) AS period,
           any_value(f.source_document) AS source_document, any_value(f.source_line) AS source_line,
           any_value(f.source_quote) AS source_quote, any_value(f.numerator) AS numerator,
           any_value(f.denominator) AS denominator
    FROM local_facts f JOIN latest l ON l.indicator_id = f.indicator_id AND l.period_end = f.period_end
                              AND l.source_kind = f.source_kind
    WHERE f.area_code = 'E92000001' AND f.value IS NOT NULL AND f.value_type = 'actual'
    GROUP BY ALL
)
SELECT ecm_outcome, indicator_id, indicator, unit, polarity, decimals, area_code, period, period_end, value, status,
       value_type, source_kind, source_document, source_line, source_quote, numerator, denominator, i.multiplier,
       lait_polarity, rank, n_ranked, band, n_lower, n_higher, n_valued
FROM ranked JOIN (SELECT indicator_id, multiplier FROM indicators) i USING (indicator_id)
UNION ALL
SELECT l.ecm_outcome, l.indicator_id, l.indicator, l.unit, l.polarity, l.decimals, 'E92000001', e.period, e.period_end,
       e.value, NULL, 'actual', e.source_kind, e.source_document, e.source_line, e.source_quote, e.numerator,
       e.denominator, i.multiplier, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM eng e JOIN latest l USING (indicator_id) JOIN (SELECT indicator_id, multiplier FROM indicators) i USING (indicator_id)
ORDER BY ecm_outcome, indicator, area_code DESC;
