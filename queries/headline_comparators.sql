-- purpose: For a list of indicators, Herefordshire by year with England, West Midlands, the statistical-neighbour figure (list in force, mean/median/pooled), 95% intervals (Wilson for %, Byar or exact Poisson for rates) and significance against England.
-- params: indicator_ids=LAC|CPP_rate|CIN|KS2RWM_Expected_STD|ks2_rwm_disadvantage_gap|AVG_Attain8_Score|ks4_att8_disadvantage_gap|FirstYJS
-- columns: indicator_id, indicator, unit, polarity, multiplier, decimals, caveat, period, period_end, year, herefordshire, status, numerator, denominator, ci_method, ci_low, ci_high, england, england_status, england_numerator, england_denominator, england_ci_low, england_ci_high, significance, west_midlands, sn_model, sn_size, sn_n, sn_mean, sn_median, sn_pooled, sn_rank, sn_rank_of, note, england_note
-- Intervals: Wilson score (z = 1.959964) when the multiplier is 100; Byar's approximation for rates per
-- 1,000/10,000/100,000, with exact Poisson limits (chi-squared, tabulated for counts 0-9) under 10.
-- significance compares Herefordshire's interval with England's: non-overlapping = significantly higher/lower.
-- SN rule: April 2021 list for years up to 2024, May 2025 list from 2025 (year of the period's end).
WITH o AS (
    SELECT ob.indicator_id, ob.area_code, ob.period_label, ob.period_end, year(ob.period_end) AS yr, ob.value,
           ob.numerator, ob.denominator, ob.status, ob.note, s.model
    FROM observations ob
    LEFT JOIN sn_lists s ON s.la_code = ob.area_code
         AND year(ob.period_end) BETWEEN coalesce(s.in_force_from, 0) AND coalesce(s.in_force_to, 9999)
    WHERE list_contains($indicator_ids, ob.indicator_id) AND ob.value_type = 'actual'
), g AS (
    SELECT indicator_id, period_label, period_end, any_value(yr) AS yr,
        max(CASE WHEN area_code = 'E06000019' THEN value END) AS h,
        max(CASE WHEN area_code = 'E06000019' THEN status END) AS h_status,
        max(CASE WHEN area_code = 'E06000019' THEN numerator END) AS h_num,
        max(CASE WHEN area_code = 'E06000019' THEN denominator END) AS h_den,
        max(CASE WHEN area_code = 'E06000019' THEN note END) AS h_note,
        max(CASE WHEN area_code = 'E92000001' THEN value END) AS e,
        max(CASE WHEN area_code = 'E92000001' THEN status END) AS e_status,
        max(CASE WHEN area_code = 'E92000001' THEN numerator END) AS e_num,
        max(CASE WHEN area_code = 'E92000001' THEN denominator END) AS e_den,
        max(CASE WHEN area_code = 'E92000001' THEN note END) AS e_note,
        max(CASE WHEN area_code = 'E12000005' THEN value END) AS w,
        count(CASE WHEN model IS NOT NULL THEN value END) AS sn_n,
        avg(CASE WHEN model IS NOT NULL THEN value END) AS sn_mean,
        median(CASE WHEN model IS NOT NULL THEN value END) AS sn_median,
        count(CASE WHEN model IS NOT NULL AND value IS NOT NULL THEN numerator END) AS sn_n_num,
        count(CASE WHEN model IS NOT NULL AND value IS NOT NULL THEN denominator END) AS sn_n_den,
        sum(CASE WHEN model IS NOT NULL AND value IS NOT NULL THEN numerator END) AS sn_num,
        sum(CASE WHEN model IS NOT NULL AND value IS NOT NULL THEN denominator END) AS sn_den,
        list(value) FILTER (WHERE model IS NOT NULL AND value IS NOT NULL) AS sn_values
    FROM o
    GROUP BY indicator_id, period_label, period_end
    HAVING bool_or(area_code IN ('E06000019', 'E92000001', 'E12000005'))
), lists AS (
    SELECT model, any_value(in_force_from) AS f, any_value(in_force_to) AS t, count(*) AS size
    FROM sn_lists GROUP BY model
), c AS (   -- intervals for Herefordshire (h) and England (e)
    SELECT g.*, i.name, i.unit, i.polarity, i.multiplier AS m, i.decimals, i.caveat, 1.959964 AS z,
        [0.0, 0.0253178080, 0.2422092785, 0.6186721229, 1.0898653736, 1.6234863901, 2.2018942535,
         2.8143630515, 3.4538321767, 4.1153730974] AS plo,
        [3.6888794541, 5.5716433909, 7.2246876677, 8.7672730697, 10.2415886754, 11.6683320793,
         13.0594740225, 14.4226753617, 15.7631892202, 17.0848034514] AS phi,
        CASE WHEN g.h IS NULL OR g.h_num IS NULL OR coalesce(g.h_den, 0) <= 0 THEN NULL
             WHEN i.multiplier = 100 AND g.h_num <= g.h_den THEN 'Wilson'
             WHEN i.multiplier IN (1000, 10000, 100000) AND g.h_num >= 10 THEN 'Byar'
             WHEN i.multiplier IN (1000, 10000, 100000) THEN 'exact Poisson' END AS h_method,
        CASE WHEN g.e IS NULL OR g.e_num IS NULL OR coalesce(g.e_den, 0) <= 0 THEN NULL
             WHEN i.multiplier = 100 AND g.e_num <= g.e_den THEN 'Wilson'
             WHEN i.multiplier IN (1000, 10000, 100000) AND g.e_num >= 10 THEN 'Byar'
             WHEN i.multiplier IN (1000, 10000, 100000) THEN 'exact Poisson' END AS e_method
    FROM g JOIN indicators i USING (indicator_id)
), ci AS (
    SELECT c.*,
        CASE h_method
            WHEN 'Wilson' THEN 100 * (h_num / h_den + z * z / (2 * h_den) - z * sqrt((h_num / h_den) * (1 - h_num / h_den) / h_den + z * z / (4 * h_den * h_den))) / (1 + z * z / h_den)
            WHEN 'Byar' THEN h_num * power(1 - 1 / (9 * h_num) - z / (3 * sqrt(h_num)), 3) / h_den * m
            WHEN 'exact Poisson' THEN plo[CAST(round(h_num) AS INTEGER) + 1] / h_den * m END AS h_lo,
        CASE h_method
            WHEN 'Wilson' THEN 100 * (h_num / h_den + z * z / (2 * h_den) + z * sqrt((h_num / h_den) * (1 - h_num / h_den) / h_den + z * z / (4 * h_den * h_den))) / (1 + z * z / h_den)
            WHEN 'Byar' THEN (h_num + 1) * power(1 - 1 / (9 * (h_num + 1)) + z / (3 * sqrt(h_num + 1)), 3) / h_den * m
            WHEN 'exact Poisson' THEN phi[CAST(round(h_num) AS INTEGER) + 1] / h_den * m END AS h_hi,
        CASE e_method
            WHEN 'Wilson' THEN 100 * (e_num / e_den + z * z / (2 * e_den) - z * sqrt((e_num / e_den) * (1 - e_num / e_den) / e_den + z * z / (4 * e_den * e_den))) / (1 + z * z / e_den)
            WHEN 'Byar' THEN e_num * power(1 - 1 / (9 * e_num) - z / (3 * sqrt(e_num)), 3) / e_den * m
            WHEN 'exact Poisson' THEN plo[CAST(round(e_num) AS INTEGER) + 1] / e_den * m END AS e_lo,
        CASE e_method
            WHEN 'Wilson' THEN 100 * (e_num / e_den + z * z / (2 * e_den) + z * sqrt((e_num / e_den) * (1 - e_num / e_den) / e_den + z * z / (4 * e_den * e_den))) / (1 + z * z / e_den)
            WHEN 'Byar' THEN (e_num + 1) * power(1 - 1 / (9 * (e_num + 1)) + z / (3 * sqrt(e_num + 1)), 3) / e_den * m
            WHEN 'exact Poisson' THEN phi[CAST(round(e_num) AS INTEGER) + 1] / e_den * m END AS e_hi
    FROM c
)
SELECT
    ci.indicator_id, ci.name AS indicator, ci.unit, ci.polarity, ci.m AS multiplier, ci.decimals, ci.caveat,
    ci.period_label AS period, ci.period_end, ci.yr AS year,
    ci.h AS herefordshire, ci.h_status AS status, ci.h_num AS numerator, ci.h_den AS denominator,
    ci.h_method AS ci_method, ci.h_lo AS ci_low, ci.h_hi AS ci_high,
    ci.e AS england, ci.e_status AS england_status, ci.e_num AS england_numerator, ci.e_den AS england_denominator,
    ci.e_lo AS england_ci_low, ci.e_hi AS england_ci_high,
    CASE WHEN ci.h_lo IS NULL OR ci.e_lo IS NULL THEN 'not tested'
         WHEN ci.h_lo > ci.e_hi THEN 'significantly higher'
         WHEN ci.h_hi < ci.e_lo THEN 'significantly lower'
         ELSE 'similar' END AS significance,
    ci.w AS west_midlands,
    l.model AS sn_model, l.size AS sn_size, ci.sn_n, ci.sn_mean, ci.sn_median,
    CASE WHEN ci.sn_n > 0 AND ci.sn_n_num = ci.sn_n AND ci.sn_n_den = ci.sn_n AND ci.sn_den > 0
         THEN ci.sn_num / ci.sn_den * ci.m END AS sn_pooled,
    CASE WHEN ci.h IS NOT NULL AND ci.sn_n > 0 THEN 1 + len(list_filter(ci.sn_values, lambda v: v > ci.h)) END AS sn_rank,
    CASE WHEN ci.h IS NOT NULL AND ci.sn_n > 0 THEN ci.sn_n + 1 END AS sn_rank_of,
    ci.h_note AS note, ci.e_note AS england_note
FROM ci
LEFT JOIN lists l ON ci.yr BETWEEN coalesce(l.f, 0) AND coalesce(l.t, 9999)
ORDER BY list_position($indicator_ids, ci.indicator_id), ci.period_end NULLS LAST, ci.period_label
