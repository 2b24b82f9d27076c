-- purpose: the indicators that evidence each recommendation, with whether the store holds figures for Herefordshire
-- params: none
-- columns: rec_id, indicator_id, why, name, unit, polarity, n_observations, first_period_end, last_period_end
SELECT ri.rec_id, ri.indicator_id, ri.why, i.name, i.unit, i.polarity,
       count(o.obs_id) AS n_observations, min(o.period_end) AS first_period_end, max(o.period_end) AS last_period_end
FROM rec_indicators ri
LEFT JOIN indicators i USING (indicator_id)
LEFT JOIN observations o ON o.indicator_id = ri.indicator_id AND o.area_code = 'E06000019'
GROUP BY ri.rec_id, ri.indicator_id, ri.why, i.name, i.unit, i.polarity
ORDER BY ri.rec_id, n_observations DESC, ri.indicator_id;
