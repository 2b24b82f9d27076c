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
        max(CASE WHEN area_code = 'E06000019' THEN value END) AS h,
        max(CASE WHEN area_code = 'E06000019' THEN status END) AS h_status,
        max(CASE WHEN area_code = 'E06000019' THEN numerator END) AS h_num,
        max(CASE WHEN area_code = 'E06000019' THEN denominator END) AS h_den,
        max(CASE WHEN area_code = 'E06000019' THEN note END) AS h_note,
        max(CASE WHEN area_code = 'E06000019' THEN source_id END) AS h_source,
        max(CASE WHEN area_code = 'E92000001' THEN value END) AS e,
        max(CASE WHEN area_code = 'E92000001' THEN status END) AS e_status,
        max(CASE WHEN area_code = 'E92000001' THEN numerator END) AS e_num,
        max(CASE WHEN area_code = 'E92000001' THEN denominator END) AS e_den,
        max(CASE WHEN area_code = 'E92000001' THEN note END) AS e_note,
        max(CASE WHEN area_code = 'E12000005' THEN value END) AS w,
        max(CASE WHEN area_code = 'E12000005' THEN status END) AS w_status,
        count(CASE WHEN model IS NOT NULL THEN value END) AS sn_n,
        avg(CASE WHEN model IS NOT NULL THEN value END) AS sn_mean,
        median(CASE WHEN model IS NOT NULL THEN value END) AS sn_median,
        count(CASE WHEN model IS NOT NULL AND value IS NOT NULL THEN numerator END) AS sn_n_num,
        count(CASE WHEN model IS NOT NULL AND value IS NOT NULL THEN denominator END) AS sn_n_den,
        sum(CASE WHEN model IS NOT NULL AND value IS NOT NULL THEN numerator END) AS sn_num,
        sum(CASE WHEN model IS NOT NULL AND value IS NOT NULL THEN denominator END) AS sn_den,
        list(value) FILTER (WHERE model IS NOT NULL AND value IS NOT NULL) AS sn_values
    FROM o
    GROUP BY period_label, period_start, period_end
    HAVING bool_or(area_code IN ('E06000019', 'E92000001', 'E12000005'))
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
