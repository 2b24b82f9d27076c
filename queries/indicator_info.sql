-- purpose: one indicator's catalogue entry with the span of its data and its sources
-- params: indicator_id=LAC
-- columns: indicator_id, name, definition, unit, polarity, ecm_outcome, topic, period_type, decimals, caveat, source_link, origin, n_obs, first_period_end, last_period_end, sources
SELECT i.indicator_id, i.name, i.definition, i.unit, i.polarity, i.ecm_outcome, i.topic, i.period_type,
       i.decimals, i.caveat, i.source_link, i.origin,
       count(o.obs_id) AS n_obs, min(o.period_end) AS first_period_end, max(o.period_end) AS last_period_end,
       string_agg(DISTINCT CASE WHEN s.kind = 'seed document' THEN s.file_name ELSE s.title END, '; ') AS sources
FROM indicators i
LEFT JOIN observations o USING (indicator_id)
LEFT JOIN sources s ON s.source_id = o.source_id
WHERE i.indicator_id = $indicator_id
GROUP BY ALL;
