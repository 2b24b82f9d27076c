-- One row per indicator for pickers and catalogues: how many figures, areas and periods it has, whether
-- Herefordshire has a trend, whether England and the statistical neighbours have figures, and its sources.
SELECT o.indicator_id,
       count(*) AS n_obs,
       count(DISTINCT o.area_code) AS n_areas,
       min(o.period_end) AS first_period_end,
       max(o.period_end) AS last_period_end,
       count(DISTINCT o.period_end) FILTER (WHERE o.area_code = here_code()) >= 2 AS has_herefordshire_trend,
       bool_or(o.area_code = here_code() AND o.value IS NOT NULL) AS has_herefordshire,
       bool_or(o.area_code = england_code() AND o.value IS NOT NULL) AS has_england,
       bool_or(o.area_code IN (SELECT la_code FROM sn_lists) AND o.value IS NOT NULL) AS has_sn,
       string_agg(DISTINCT s.label, '; ' ORDER BY s.label) AS sources
FROM observations o JOIN source_labels s USING (source_id)
GROUP BY o.indicator_id
