-- purpose: the years for which every council's value of an indicator is in the store (LAIT's all-LA file), latest first, with Herefordshire's value.
-- params: indicator_id=KS2RWM_Expected_STD
-- columns: period_label, period_end, n_valued, here_value
SELECT period_label, any_value(period_end) AS period_end, max(n_valued) AS n_valued,
       max(CASE WHEN la_number = '884' THEN value END) AS here_value
FROM lait_all_las
WHERE indicator_id = $indicator_id
GROUP BY period_label
ORDER BY period_end DESC, period_label DESC
