-- purpose: every council's value of one indicator in one year, with LAIT's rank and band, the statistical neighbours in force that year (named, list version) and 95% intervals where the store has counts.
-- params: indicator_id=KS2RWM_Expected_STD, period_label=2025
-- columns: role, la_number, area_name, area_code, geographic_level, region, value, status, polarity, rank, n_ranked, band, q1, q2, q3, n_lower, n_higher, n_valued, sn_model, sn_rank, numerator, denominator, lower, upper, interval_method, period_end
-- SN rule as everywhere: the April 2021 list for years (of the period's end) up to 2024, the May 2025 list from 2025.
WITH b AS (
    SELECT * FROM lait_all_las WHERE indicator_id = $indicator_id AND period_label = $period_label
), sn AS (
    SELECT s.old_la_code, s.model, s.rank, s.la_code
    FROM sn_lists s, (SELECT any_value(year(period_end)) AS yr FROM b) y
    WHERE y.yr BETWEEN coalesce(s.in_force_from, 0) AND coalesce(s.in_force_to, 9999)
), o AS (
    SELECT ob.area_code, ob.numerator, ob.denominator, ob.value, i.multiplier AS m
    FROM observations ob JOIN indicators i USING (indicator_id)
    WHERE ob.indicator_id = $indicator_id AND ob.period_label = $period_label AND ob.value_type = 'actual'
), j AS (
    SELECT b.*, sn.model AS sn_model, sn.rank AS sn_rank,
           CASE WHEN abs(o.value - b.value) < 1e-6 THEN o.numerator END AS numerator,
           CASE WHEN abs(o.value - b.value) < 1e-6 THEN o.denominator END AS denominator, o.m,
           CASE WHEN b.la_number = '884' THEN 'Herefordshire'
                WHEN sn.model IS NOT NULL THEN 'Statistical neighbour'
                WHEN b.la_number = '970' THEN 'England'
                WHEN b.la_number = '984' THEN 'West Midlands'
                WHEN b.geographic_level = 'la' THEN 'Council'
                ELSE 'Other region' END AS role
    FROM b
    LEFT JOIN sn ON sn.old_la_code = b.la_number
    LEFT JOIN o ON o.area_code = coalesce(sn.la_code, CASE b.la_number WHEN '884' THEN 'E06000019'
                                           WHEN '970' THEN 'E92000001' WHEN '984' THEN 'E12000005' END)
), c AS (SELECT j.*, ci_method(value, numerator, denominator, m) AS interval_method FROM j)
SELECT role, la_number, area_name, area_code, geographic_level, region, value, status, polarity, rank, n_ranked,
       band, q1, q2, q3, n_lower, n_higher, n_valued, sn_model, sn_rank, numerator, denominator,
       ci_bound(interval_method, numerator, denominator, m, -1) AS lower,
       ci_bound(interval_method, numerator, denominator, m, 1) AS upper, interval_method, period_end
FROM c
ORDER BY CASE role WHEN 'Herefordshire' THEN 0 WHEN 'Statistical neighbour' THEN 1 WHEN 'England' THEN 2
                   WHEN 'West Midlands' THEN 3 WHEN 'Council' THEN 4 ELSE 5 END, value DESC NULLS LAST, area_name
