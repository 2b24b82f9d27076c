-- purpose: a headline measure for Herefordshire by as-at date: count and rate with England and West Midlands rates
-- params: rate_id=LAC, count_id=LACnum
-- columns: period, period_end, count, rate, rate_status, numerator, denominator, england, england_numerator, england_denominator, west_midlands, source_kind, source_document, source_line, source_quote, note
WITH f AS (
    SELECT * FROM local_facts  -- Herefordshire's, England's and the West Midlands' rows (data/build.py finalize)
    WHERE value_type = 'actual' AND indicator_id IN ($rate_id, $count_id)
      AND area_code IN ('E06000019', 'E92000001', 'E12000005')
),
rates AS (SELECT * FROM f WHERE indicator_id = $rate_id),
counts AS (
    SELECT period_end, source_kind, max(value) AS value FROM f
    WHERE indicator_id = $count_id AND area_code = 'E06000019' GROUP BY ALL
)
SELECT h.period, h.period_end,
       coalesce(c.value, h.numerator) AS count,
       h.value AS rate, h.status AS rate_status, h.numerator, h.denominator,
       e.value AS england, e.numerator AS england_numerator, e.denominator AS england_denominator,
       w.value AS west_midlands,
       h.source_kind, h.source_document, h.source_line, h.source_quote, h.note
FROM rates h
LEFT JOIN counts c ON c.period_end = h.period_end AND c.source_kind = h.source_kind
LEFT JOIN (SELECT period_end, any_value(value) AS value, any_value(numerator) AS numerator,
                  any_value(denominator) AS denominator
           FROM rates WHERE area_code = 'E92000001' AND source_kind = 'publication' GROUP BY ALL) e
       ON e.period_end = h.period_end
LEFT JOIN (SELECT period_end, any_value(value) AS value
           FROM rates WHERE area_code = 'E12000005' AND source_kind = 'publication' GROUP BY ALL) w
       ON w.period_end = h.period_end
WHERE h.area_code = 'E06000019'
ORDER BY h.period_end, h.source_kind DESC;
