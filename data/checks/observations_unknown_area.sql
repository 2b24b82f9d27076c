-- Observations whose area is not in the areas table.
SELECT DISTINCT o.area_code FROM observations o ANTI JOIN areas a USING (area_code)
