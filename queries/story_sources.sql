-- purpose: every source's title and date, to name sources on exported slides and the final sources slide
-- params: none
-- columns: source_id, title, kind, publisher, published_date, file_name
SELECT source_id, title, kind, publisher, published_date, file_name
FROM sources
ORDER BY kind, source_id;
