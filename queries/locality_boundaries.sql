-- purpose: boundaries of one map layer (locality, sub-locality, locality-variant, ward, lsoa11, lsoa21, county) as GeoJSON text, with area names
-- params: layer=locality
-- columns: area_code, area_name, area_type, parent_code, geojson
SELECT g.area_code, a.area_name, a.area_type, a.parent_code, g.geojson
FROM geometries g
JOIN areas a USING (area_code)
WHERE g.layer = $layer
ORDER BY g.area_code;
