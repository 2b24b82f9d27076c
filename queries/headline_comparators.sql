-- purpose: For a list of indicators, Herefordshire by year with England, West Midlands, the statistical-neighbour figure (list in force, mean/median/pooled), 95% intervals (Wilson for %, Byar or exact Poisson for rates) and significance against England.
-- params: indicator_ids=LAC|CPP_rate|CIN|KS2RWM_Expected_STD|ks2_rwm_disadvantage_gap|AVG_Attain8_Score|ks4_att8_disadvantage_gap|FirstYJS
-- columns: indicator_id, indicator, unit, polarity, multiplier, decimals, caveat, period, period_end, year, herefordshire, status, numerator, denominator, ci_method, ci_low, ci_high, england, england_status, england_numerator, england_denominator, england_ci_low, england_ci_high, significance, west_midlands, sn_model, sn_size, sn_n, sn_mean, sn_median, sn_pooled, sn_rank, sn_rank_of, note, england_note
-- comparators: the comparators_by_year view with intervals from the ci_method / ci_bound macros (data/schema.sql),
-- materialised by data/build.py finalize().
-- significance compares Herefordshire's interval with England's: non-overlapping = significantly higher/lower.
WITH ci AS (SELECT * FROM comparators WHERE list_contains($indicator_ids, indicator_id))
SELECT
    ci.indicator_id, i.name AS indicator, i.unit, i.polarity, ci.m AS multiplier, i.decimals, i.caveat,
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
    ci.sn_model, ci.sn_size, ci.sn_n, ci.sn_mean, ci.sn_median, ci.sn_pooled, ci.sn_rank, ci.sn_rank_of,
    ci.h_note AS note, ci.e_note AS england_note
FROM ci
JOIN indicators i USING (indicator_id)
ORDER BY list_position($indicator_ids, ci.indicator_id), ci.period_end NULLS LAST, ci.period_label
