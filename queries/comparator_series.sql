-- purpose: One indicator's trend for Herefordshire by period with England, West Midlands and the statistical neighbours in force that year (named list; mean, median and pooled rate) and Herefordshire's rank among them.
-- params: indicator_id=LAC
-- columns: indicator_id, indicator, unit, polarity, multiplier, decimals, period, period_start, period_end, year, herefordshire, status, numerator, denominator, note, source, england, england_status, england_numerator, england_denominator, england_note, west_midlands, west_midlands_status, sn_model, sn_size, sn_n, sn_mean, sn_median, sn_pooled, sn_rank, sn_rank_of
-- The SN rule and methods are in the comparators table (data/models/30_comparators.sql), built by
-- data/derive.py.
SELECT
    i.indicator_id, i.name AS indicator, i.unit, i.polarity, i.multiplier, i.decimals,
    c.period_label AS period, c.period_start, c.period_end, c.yr AS year,
    c.h AS herefordshire, c.h_status AS status, c.h_num AS numerator, c.h_den AS denominator, c.h_note AS note,
    src.title AS source,
    c.e AS england, c.e_status AS england_status, c.e_num AS england_numerator, c.e_den AS england_denominator,
    c.e_note AS england_note,
    c.w AS west_midlands, c.w_status AS west_midlands_status,
    c.sn_model, c.sn_size, c.sn_n, c.sn_mean, c.sn_median, c.sn_pooled, c.sn_rank, c.sn_rank_of
FROM comparators c
JOIN indicators i USING (indicator_id)
LEFT JOIN sources src ON src.source_id = c.h_source
WHERE c.indicator_id = $indicator_id
ORDER BY c.period_end NULLS LAST, c.period_label
