-- purpose: every indicator that has at least one figure in the store, for pickers
-- params: none
-- columns: indicator_id, name, topic, unit, polarity, ecm_outcome, origin, n_obs, has_herefordshire_trend
SELECT i.indicator_id, i.name, coalesce(i.topic, 'Other') AS topic, i.unit, i.polarity, i.ecm_outcome, i.origin,
       count(*) AS n_obs,
       count(DISTINCT o.period_end) FILTER (WHERE o.area_code = 'E06000019') >= 2 AS has_herefordshire_trend
FROM indicators i JOIN observations o USING (indicator_id)
GROUP BY ALL
ORDER BY topic, name;
