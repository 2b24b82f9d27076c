-- purpose: Every indicator with its topic, unit, polarity, origin and how much data the store holds for it.
-- params: none
-- columns: indicator_id, name, topic, ecm_outcome, unit, polarity, period_type, origin, n_obs, n_areas, first_period_end, last_period_end, has_herefordshire, has_england, has_sn
SELECT i.indicator_id, i.name, i.topic, i.ecm_outcome, i.unit, i.polarity, i.period_type, i.origin,
       coalesce(s.n_obs, 0) AS n_obs, coalesce(s.n_areas, 0) AS n_areas, s.first_period_end, s.last_period_end,
       coalesce(s.has_herefordshire, false) AS has_herefordshire, coalesce(s.has_england, false) AS has_england,
       coalesce(s.has_sn, false) AS has_sn
FROM indicators i
LEFT JOIN indicator_summary s USING (indicator_id)
ORDER BY i.topic NULLS LAST, i.name
