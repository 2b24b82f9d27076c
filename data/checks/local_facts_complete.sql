-- local_facts must hold every Herefordshire-area fact the full facts view has (a place-based page reading
-- local_facts would otherwise miss figures).
SELECT f.obs_id, f.indicator_id, f.area_code
FROM facts f
WHERE (f.area_type IN ('locality', 'sub-locality', 'ward') OR f.area_code = here_code())
  AND f.obs_id NOT IN (SELECT obs_id FROM local_facts)
