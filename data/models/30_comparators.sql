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
           s.model, concat_ws('|', ob.indicator_id, ob.period_label, ob.period_start, ob.period_end) AS k
    FROM observations ob
    LEFT JOIN sn_lists s ON s.la_code = ob.area_code
         AND year(ob.period_end) BETWEEN coalesce(s.in_force_from, 0) AND coalesce(s.in_force_to, 9999)
    WHERE ob.value_type = 'actual'
), periods AS (
    SELECT k, indicator_id, period_label, period_start, period_end, any_value(yr) AS yr
    FROM o
    GROUP BY ALL
    HAVING bool_or(area_code IN (here_code(), england_code(), west_midlands_code()))
), one AS (  -- Herefordshire, England and the West Midlands: one figure each per indicator and period
    SELECT k, area_code, max(value) AS v, max(status) AS s, max(numerator) AS num, max(denominator) AS den,
           max(note) AS note, max(source_id) AS src
    FROM o
    WHERE area_code IN (here_code(), england_code(), west_midlands_code())
    GROUP BY ALL
), sn AS (  -- the statistical neighbours in force that year
    SELECT k, count(value) AS sn_n, avg(value) AS sn_mean, median(value) AS sn_median,
           count(numerator) FILTER (value IS NOT NULL) AS sn_n_num,
           count(denominator) FILTER (value IS NOT NULL) AS sn_n_den,
           sum(numerator) FILTER (value IS NOT NULL) AS sn_num,
           sum(denominator) FILTER (value IS NOT NULL) AS sn_den,
           list(value) FILTER (value IS NOT NULL) AS sn_values
    FROM o
    WHERE model IS NOT NULL
    GROUP BY k
), g AS (
    SELECT p.* EXCLUDE (k),
           h.v AS h, h.s AS h_status, h.num AS h_num, h.den AS h_den, h.note AS h_note, h.src AS h_source,
           e.v AS e, e.s AS e_status, e.num AS e_num, e.den AS e_den, e.note AS e_note, w.v AS w, w.s AS w_status,
           coalesce(sn.sn_n, 0) AS sn_n, sn.sn_mean, sn.sn_median, coalesce(sn.sn_n_num, 0) AS sn_n_num,
           coalesce(sn.sn_n_den, 0) AS sn_n_den, sn.sn_num, sn.sn_den, sn.sn_values
    FROM periods p
    LEFT JOIN one h ON h.k = p.k AND h.area_code = here_code()
    LEFT JOIN one e ON e.k = p.k AND e.area_code = england_code()
    LEFT JOIN one w ON w.k = p.k AND w.area_code = west_midlands_code()
    LEFT JOIN sn ON sn.k = p.k
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
