-- purpose: LSOA-level deprivation measures available for the LSOA map, with their releases (latest first)
-- params: none
-- columns: indicator_id, indicator, definition, unit, polarity, decimals, periods, latest_period
WITH p AS (
    SELECT o.indicator_id, o.period AS period_label, max(o.period_end) AS period_end
    FROM local_facts o
    WHERE o.area_type = 'LSOA'
    GROUP BY ALL
)
SELECT * FROM (
SELECT i.indicator_id, i.name AS indicator, i.definition, i.unit, i.polarity, i.decimals,
       list(p.period_label ORDER BY p.period_end DESC) AS periods,
       arg_max(p.period_label, p.period_end) AS latest_period
FROM p JOIN indicators i USING (indicator_id)
GROUP BY ALL
) t
ORDER BY CASE indicator_id WHEN 'imd_lsoa_decile' THEN 0 ELSE 1 END, indicator;
