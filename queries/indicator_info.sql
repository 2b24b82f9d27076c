-- purpose: one indicator's catalogue entry with the span of its data and its sources
-- params: indicator_id=LAC
-- columns: indicator_id, name, definition, unit, polarity, ecm_outcome, topic, period_type, decimals, caveat, source_link, origin, n_obs, first_period_end, last_period_end, sources, multiplier
SELECT i.indicator_id, i.name, i.definition, i.unit, i.polarity, i.ecm_outcome, i.topic, i.period_type,
       i.decimals, i.caveat, i.source_link, i.origin,
       coalesce(s.n_obs, 0) AS n_obs, s.first_period_end, s.last_period_end, s.sources, i.multiplier
FROM indicators i
LEFT JOIN indicator_summary s USING (indicator_id)
WHERE i.indicator_id = $indicator_id;
