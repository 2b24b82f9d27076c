-- purpose: indicators in one release for a chosen set of localities or sub-areas side by side, with the county and England
-- params: area_codes=LOC-SOUTH-WYE|LOC-LEOMINSTER, period=IoD 2025
-- columns: indicator_id, indicator, unit, decimals, polarity, topic, area_code, area_name, value, status, numerator, denominator, note, county, england
-- local_facts: see locality_profile.sql.
WITH f AS (SELECT * FROM local_facts WHERE value_type = 'actual' AND period = $period)
SELECT l.indicator_id, l.indicator, l.unit, l.decimals, l.polarity, l.topic, l.area_code, l.area AS area_name,
       l.value, l.status, l.numerator, l.denominator, l.note, c.value AS county, e.value AS england
FROM f l
LEFT JOIN f c ON c.indicator_id = l.indicator_id AND c.area_code = 'E06000019'
LEFT JOIN f e ON e.indicator_id = l.indicator_id AND e.area_code = 'E92000001'
WHERE list_contains($area_codes, l.area_code)
ORDER BY CASE WHEN l.topic LIKE '%decile mix%' THEN 1 ELSE 0 END, l.topic, l.indicator,
         list_position($area_codes, l.area_code);
