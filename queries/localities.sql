-- purpose: the partnership localities and Hereford sub-areas a user can filter by
-- params: none
-- columns: area_code, area_name, area_type, parent_code, label
SELECT area_code, area_name, area_type, parent_code,
       CASE WHEN area_type = 'sub-locality' THEN area_name || ' (part of Hereford City)'
            ELSE area_name END AS label
FROM areas
WHERE area_type IN ('locality', 'sub-locality')
ORDER BY CASE area_code WHEN 'LOC-SOUTH-WYE' THEN 0 WHEN 'LOC-LEOMINSTER' THEN 1 ELSE 2 END, area_name;
