-- Observations with neither a value nor a published status symbol saying why there is none.
SELECT obs_id, indicator_id, area_code, period_label FROM observations WHERE value IS NULL AND status IS NULL
