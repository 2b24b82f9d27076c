-- purpose: One indicator's trend for Herefordshire by period with England, West Midlands and the statistical neighbours in force that year (named list; mean, median and pooled rate) and Herefordshire's rank among them.
-- params: indicator_id=LAC
-- columns: indicator_id, indicator, unit, polarity, multiplier, decimals, period, period_start, period_end, year, herefordshire, status, numerator, denominator, note, source, england, england_status, england_numerator, england_denominator, england_note, west_midlands, west_midlands_status, sn_model, sn_size, sn_n, sn_mean, sn_median, sn_pooled, sn_rank, sn_rank_of
-- SN rule: the April 2021 list applies to years (year of period end) up to 2024, the May 2025 list from 2025
-- (sn_lists.in_force_from / in_force_to). sn_pooled only when every neighbour with a value has numerator and
-- denominator. sn_rank: 1 = highest value among Herefordshire and the neighbours with data (sn_rank_of of them).
WITH o AS (
    SELECT ob.area_code, ob.period_label, ob.period_start, ob.period_end, year(ob.period_end) AS yr, ob.value,
           ob.numerator, ob.denominator, ob.status, ob.note, ob.source_id, s.model
    FROM observations ob
    LEFT JOIN sn_lists s ON s.la_code = ob.area_code
         AND year(ob.period_end) BETWEEN coalesce(s.in_force_from, 0) AND coalesce(s.in_force_to, 9999)
    WHERE ob.indicator_id = $indicator_id AND ob.value_type = 'actual'
), g AS (
    SELECT period_label, period_start, period_end, any_value(yr) AS yr,
        any_value(value) FILTER (WHERE area_code = 'E06000019') AS h,
        any_value(status) FILTER (WHERE area_code = 'E06000019') AS h_status,
        any_value(numerator) FILTER (WHERE area_code = 'E06000019') AS h_num,
        any_value(denominator) FILTER (WHERE area_code = 'E06000019') AS h_den,
        any_value(note) FILTER (WHERE area_code = 'E06000019') AS h_note,
        any_value(source_id) FILTER (WHERE area_code = 'E06000019') AS h_source,
        any_value(value) FILTER (WHERE area_code = 'E92000001') AS e,
        any_value(status) FILTER (WHERE area_code = 'E92000001') AS e_status,
        any_value(numerator) FILTER (WHERE area_code = 'E92000001') AS e_num,
        any_value(denominator) FILTER (WHERE area_code = 'E92000001') AS e_den,
        any_value(note) FILTER (WHERE area_code = 'E92000001') AS e_note,
        any_value(value) FILTER (WHERE area_code = 'E12000005') AS w,
        any_value(status) FILTER (WHERE area_code = 'E12000005') AS w_status,
        count(value) FILTER (WHERE model IS NOT NULL) AS sn_n,
        avg(value) FILTER (WHERE model IS NOT NULL) AS sn_mean,
        median(value) FILTER (WHERE model IS NOT NULL) AS sn_median,
        count(numerator) FILTER (WHERE model IS NOT NULL AND value IS NOT NULL) AS sn_n_num,
        count(denominator) FILTER (WHERE model IS NOT NULL AND value IS NOT NULL) AS sn_n_den,
        sum(numerator) FILTER (WHERE model IS NOT NULL AND value IS NOT NULL) AS sn_num,
        sum(denominator) FILTER (WHERE model IS NOT NULL AND value IS NOT NULL) AS sn_den,
        list(value) FILTER (WHERE model IS NOT NULL AND value IS NOT NULL) AS sn_values
    FROM o
    GROUP BY period_label, period_start, period_end
    HAVING count(*) FILTER (WHERE area_code IN ('E06000019', 'E92000001', 'E12000005')) > 0
), lists AS (
    SELECT model, any_value(in_force_from) AS f, any_value(in_force_to) AS t, count(*) AS size
    FROM sn_lists GROUP BY model
)
SELECT
    i.indicator_id, i.name AS indicator, i.unit, i.polarity, i.multiplier, i.decimals,
    g.period_label AS period, g.period_start, g.period_end, g.yr AS year,
    g.h AS herefordshire, g.h_status AS status, g.h_num AS numerator, g.h_den AS denominator, g.h_note AS note,
    src.title AS source,
    g.e AS england, g.e_status AS england_status, g.e_num AS england_numerator, g.e_den AS england_denominator,
    g.e_note AS england_note,
    g.w AS west_midlands, g.w_status AS west_midlands_status,
    l.model AS sn_model, l.size AS sn_size, g.sn_n, g.sn_mean, g.sn_median,
    CASE WHEN g.sn_n > 0 AND g.sn_n_num = g.sn_n AND g.sn_n_den = g.sn_n AND g.sn_den > 0
         THEN g.sn_num / g.sn_den * i.multiplier END AS sn_pooled,
    CASE WHEN g.h IS NOT NULL AND g.sn_n > 0
         THEN 1 + len(list_filter(g.sn_values, lambda v: v > g.h)) END AS sn_rank,
    CASE WHEN g.h IS NOT NULL AND g.sn_n > 0 THEN g.sn_n + 1 END AS sn_rank_of
FROM g
JOIN indicators i ON i.indicator_id = $indicator_id
LEFT JOIN lists l ON g.yr BETWEEN coalesce(l.f, 0) AND coalesce(l.t, 9999)
LEFT JOIN sources src ON src.source_id = g.h_source
ORDER BY g.period_end NULLS LAST, g.period_label
