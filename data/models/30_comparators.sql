-- The comparator rule, in one place: for each indicator and period, Herefordshire, England, the West Midlands
-- and the statistical neighbours in force that year, with 95% intervals and the significance against England.
--
-- Statistical neighbours: the April 2021 list applies to years (year of the period's end) up to 2024, the May
-- 2025 list from 2025 (sn_lists.in_force_from / in_force_to). sn_mean and sn_median count each neighbour once;
-- sn_pooled only when every neighbour with a value has numerator and denominator; sn_rank 1 = highest value.
-- Intervals: the ci_method / ci_bound macros (data/schema.sql): Wilson for %, Byar for rates, exact Poisson
-- under 10 events (cross-checked against dashboard/analysis/stats.py in tests/test_stats.py).
-- Significance: Herefordshire's interval against England's; non-overlapping = significantly higher / lower.
WITH o AS (
    SELECT ob.indicator_id, ob.area_code, ob.period_label, ob.period_start, ob.period_end,
           year(ob.period_end) AS yr, ob.value, ob.numerator, ob.denominator, ob.status, ob.note, ob.source_id,
           s.model
    FROM observations ob
    LEFT JOIN sn_lists s ON s.la_code = ob.area_code
         AND year(ob.period_end) BETWEEN coalesce(s.in_force_from, 0) AND coalesce(s.in_force_to, 9999)
    WHERE ob.value_type = 'actual'
), g AS (
    SELECT indicator_id, period_label, period_start, period_end, any_value(yr) AS yr,
        max(CASE WHEN area_code = here_code() THEN value END) AS h,
        max(CASE WHEN area_code = here_code() THEN status END) AS h_status,
        max(CASE WHEN area_code = here_code() THEN numerator END) AS h_num,
        max(CASE WHEN area_code = here_code() THEN denominator END) AS h_den,
        max(CASE WHEN area_code = here_code() THEN note END) AS h_note,
        max(CASE WHEN area_code = here_code() THEN source_id END) AS h_source,
        max(CASE WHEN area_code = england_code() THEN value END) AS e,
        max(CASE WHEN area_code = england_code() THEN status END) AS e_status,
        max(CASE WHEN area_code = england_code() THEN numerator END) AS e_num,
        max(CASE WHEN area_code = england_code() THEN denominator END) AS e_den,
        max(CASE WHEN area_code = england_code() THEN note END) AS e_note,
        max(CASE WHEN area_code = west_midlands_code() THEN value END) AS w,
        max(CASE WHEN area_code = west_midlands_code() THEN status END) AS w_status,
        count(CASE WHEN model IS NOT NULL THEN value END) AS sn_n,
        avg(CASE WHEN model IS NOT NULL THEN value END) AS sn_mean,
        median(CASE WHEN model IS NOT NULL THEN value END) AS sn_median,
        count(CASE WHEN model IS NOT NULL AND value IS NOT NULL THEN numerator END) AS sn_n_num,
        count(CASE WHEN model IS NOT NULL AND value IS NOT NULL THEN denominator END) AS sn_n_den,
        sum(CASE WHEN model IS NOT NULL AND value IS NOT NULL THEN numerator END) AS sn_num,
        sum(CASE WHEN model IS NOT NULL AND value IS NOT NULL THEN denominator END) AS sn_den,
        list(value) FILTER (WHERE model IS NOT NULL AND value IS NOT NULL) AS sn_values
    FROM o
    GROUP BY indicator_id, period_label, period_start, period_end
    HAVING bool_or(area_code IN (here_code(), england_code(), west_midlands_code()))
), lists AS (
    SELECT model, any_value(in_force_from) AS f, any_value(in_force_to) AS t, count(*) AS size
    FROM sn_lists GROUP BY model
), c AS (
    SELECT g.*, i.multiplier AS m, l.model AS sn_model, l.size AS sn_size,
           CASE WHEN g.sn_n > 0 AND g.sn_n_num = g.sn_n AND g.sn_n_den = g.sn_n AND g.sn_den > 0
                THEN g.sn_num / g.sn_den * i.multiplier END AS sn_pooled,
           CASE WHEN g.h IS NOT NULL AND g.sn_n > 0
                THEN 1 + len(list_filter(g.sn_values, lambda v: v > g.h)) END AS sn_rank,
           CASE WHEN g.h IS NOT NULL AND g.sn_n > 0 THEN g.sn_n + 1 END AS sn_rank_of,
           ci_method(g.h, g.h_num, g.h_den, i.multiplier) AS h_method,
           ci_method(g.e, g.e_num, g.e_den, i.multiplier) AS e_method
    FROM g
    JOIN indicators i USING (indicator_id)
    LEFT JOIN lists l ON g.yr BETWEEN coalesce(l.f, 0) AND coalesce(l.t, 9999)
), ci AS (
    SELECT c.*,
           ci_bound(h_method, h_num, h_den, m, -1) AS h_lo, ci_bound(h_method, h_num, h_den, m, 1) AS h_hi,
           ci_bound(e_method, e_num, e_den, m, -1) AS e_lo, ci_bound(e_method, e_num, e_den, m, 1) AS e_hi
    FROM c
)
SELECT ci.*,
       CASE WHEN h_lo IS NULL OR e_lo IS NULL THEN 'not tested'
            WHEN h_lo > e_hi THEN 'significantly higher'
            WHEN h_hi < e_lo THEN 'significantly lower'
            ELSE 'similar' END AS significance
FROM ci
ORDER BY indicator_id, period_end, period_label
