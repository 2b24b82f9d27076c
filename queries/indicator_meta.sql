-- purpose: One indicator's metadata panel: definition, unit, polarity, period type, source link, caveat and the sources its figures come from.
-- params: indicator_id=LAC
-- columns: indicator_id, name, definition, unit, polarity, ecm_outcome, topic, period_type, decimals, multiplier, source_link, caveat, origin, sources, n_obs, first_period, last_period
WITH o AS (
    SELECT o.indicator_id, o.period_end, o.period_label, s.title
    FROM observations o JOIN sources s USING (source_id)
    WHERE o.indicator_id = $indicator_id
)
SELECT i.indicator_id, i.name, i.definition, i.unit, i.polarity, i.ecm_outcome, i.topic, i.period_type, i.decimals,
       i.multiplier, i.source_link, i.caveat, i.origin,
       (SELECT string_agg(DISTINCT title, '; ' ORDER BY title) FROM o) AS sources,
       (SELECT count(*) FROM o) AS n_obs,
       (SELECT arg_min(period_label, period_end) FROM o) AS first_period,
       (SELECT arg_max(period_label, period_end) FROM o) AS last_period
FROM indicators i
WHERE i.indicator_id = $indicator_id
