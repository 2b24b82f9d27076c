-- purpose: Herefordshire's rank, band and position among all councils for every year of one indicator (LAIT's rule, worked out at build time).
-- params: indicator_id=KS2RWM_Expected_STD
-- columns: period_label, period_end, value, status, polarity, rank, n_ranked, band, q1, q2, q3, n_lower, n_higher, n_valued
SELECT period_label, period_end, value, status, polarity, rank, n_ranked, band, q1, q2, q3, n_lower, n_higher,
       n_valued
FROM lait_all_las
WHERE indicator_id = $indicator_id AND la_number = '884'
ORDER BY period_end, period_label
