-- purpose: Herefordshire's statistical neighbours in both DfE models, with closeness, ONS codes and the years each list is used for.
-- params: none
-- columns: model, rank, la_code, old_la_code, la_name, closeness, in_force_from, in_force_to, in_force, area_note
-- Rule: the April 2021 model for years up to 2024, the May 2025 model from 2025 (year of the period's end).
SELECT s.model, s.rank, s.la_code, s.old_la_code, coalesce(a.area_name, s.la_name) AS la_name, s.closeness,
       s.in_force_from, s.in_force_to,
       CASE WHEN s.in_force_from IS NULL THEN 'up to ' || s.in_force_to
            WHEN s.in_force_to IS NULL THEN 'from ' || s.in_force_from
            ELSE s.in_force_from || '-' || s.in_force_to END AS in_force,
       a.note AS area_note
FROM sn_lists s
LEFT JOIN areas a ON a.area_code = s.la_code
ORDER BY coalesce(s.in_force_from, 0) DESC, s.rank
