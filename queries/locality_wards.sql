-- purpose: the project's proposed ward-to-locality assignment with Hereford sub-areas and confidence
-- params: none
-- columns: locality_code, locality_name, sub_area_code, sub_area_name, ward_code, ward_name, confidence, note
SELECT w.locality AS locality_code, l.area_name AS locality_name, w.sub_area AS sub_area_code,
       s.area_name AS sub_area_name, w.ward_code, w.ward_name, w.confidence, w.note
FROM ward_locality w
JOIN areas l ON l.area_code = w.locality
LEFT JOIN areas s ON s.area_code = w.sub_area
ORDER BY l.area_name, s.area_name NULLS FIRST, w.ward_name;
