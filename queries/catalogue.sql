-- purpose: every indicator that has at least one figure in the store, for pickers
-- params: none
-- columns: indicator_id, name, topic, unit, polarity, ecm_outcome, origin, n_obs, has_herefordshire_trend
SELECT i.indicator_id, i.name, coalesce(i.topic, 'Other') AS topic, i.unit, i.polarity, i.ecm_outcome, i.origin,
       s.n_obs, s.has_herefordshire_trend
FROM indicators i JOIN indicator_summary s USING (indicator_id)
ORDER BY topic, name;
