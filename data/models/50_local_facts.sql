-- Pages that ask by place (Herefordshire, its localities, sub-areas, wards and LSOAs) rather than by indicator
-- cannot use the observations' sort order: at national scale every such question would scan all local
-- authorities' rows. local_facts keeps Herefordshire's own rows (the county and its parts, with the LSOAs
-- best-fitted to its wards) and England's and the West Midlands' rows of the same indicators, pre-joined and
-- sorted, so those queries stay small.
WITH here AS (
    SELECT area_code FROM areas
    WHERE area_type IN ('locality', 'sub-locality', 'ward') OR area_code = here_code()
    UNION
    SELECT a.area_code FROM areas a JOIN ward_locality w ON w.ward_code = a.parent_code
    WHERE a.area_type = 'LSOA'
),
local_ids AS (SELECT DISTINCT indicator_id FROM observations JOIN here USING (area_code))
SELECT f.*, i.decimals
FROM facts f JOIN local_ids USING (indicator_id) JOIN indicators i USING (indicator_id)
WHERE f.area_code IN (SELECT area_code FROM here) OR f.area_code IN (england_code(), west_midlands_code())
ORDER BY f.indicator_id, f.area_code, f.period_end
