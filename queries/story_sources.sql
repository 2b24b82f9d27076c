-- purpose: every source's title, kind and the label pages, slides and downloads name it by (built in finalize)
-- params: none
-- columns: source_id, title, kind, publisher, published_date, file_name, label
SELECT s.source_id, s.title, s.kind, s.publisher, s.published_date, s.file_name, l.label
FROM sources s JOIN source_labels l USING (source_id)
ORDER BY s.kind, s.source_id;
