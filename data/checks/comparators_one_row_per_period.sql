-- The comparators table must hold one row per indicator and period (a second row would mean a period is
-- described two ways and a chart would draw it twice).
SELECT indicator_id, period_label, period_end, count(*) AS n_rows
FROM comparators GROUP BY indicator_id, period_label, period_end HAVING count(*) > 1
