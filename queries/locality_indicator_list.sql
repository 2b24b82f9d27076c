-- purpose: indicators that have figures for the partnership localities, with their IMD releases (latest first)
-- params: none
-- columns: indicator_id, indicator, definition, unit, polarity, decimals, topic, caveat, periods, latest_period
WITH p AS (
    SELECT o.indicator_id, o.period AS period_label, max(o.period_end) AS period_end
    FROM local_facts o
    WHERE o.area_type = 'locality'
    GROUP BY ALL
)
SELECT * FROM (
SELECT i.indicator_id, i.name AS indicator, i.definition, i.unit, i.polarity, i.decimals, i.topic, i.caveat,
       list(p.period_label ORDER BY p.period_end DESC) AS periods,
       arg_max(p.period_label, p.period_end) AS latest_period
FROM p JOIN indicators i USING (indicator_id)
GROUP BY ALL
) t
-- Read order: topics as a profile reads them, the decile mix 1..10 (ids are zero-padded), others by name.
ORDER BY CASE WHEN topic LIKE '%decile mix%' THEN 1 ELSE 0 END, topic,
         CASE WHEN topic LIKE '%decile mix%' THEN indicator_id ELSE indicator END;
