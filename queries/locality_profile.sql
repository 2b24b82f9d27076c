-- purpose: every indicator for one locality or sub-area in every release, beside the county and England figures
-- params: area_code=LOC-SOUTH-WYE
-- columns: indicator_id, area_code, area_type, indicator, unit, decimals, polarity, topic, period, period_end, value, status, numerator, denominator, note, county, county_status, england, source_document
-- local_facts: the store's rows for Herefordshire's localities, sub-areas, wards and LSOAs, with the county's and
-- England's rows of the same indicators (built by data/build.py finalize()).
WITH f AS (SELECT * FROM local_facts WHERE value_type = 'actual')
SELECT l.indicator_id, l.area_code, l.area_type, l.indicator, l.unit, l.decimals, l.polarity, l.topic, l.period,
       l.period_end,
       l.value, l.status, l.numerator, l.denominator, l.note,
       c.value AS county, c.status AS county_status, e.value AS england, l.source_document
FROM f l
LEFT JOIN f c ON c.indicator_id = l.indicator_id AND c.period = l.period AND c.area_code = 'E06000019'
LEFT JOIN f e ON e.indicator_id = l.indicator_id AND e.period = l.period AND e.area_code = 'E92000001'
WHERE l.area_code = $area_code
ORDER BY CASE WHEN l.topic LIKE '%decile mix%' THEN 1 ELSE 0 END, l.topic,
         CASE WHEN l.topic LIKE '%decile mix%' THEN l.indicator_id ELSE l.indicator END, l.period_end DESC;
