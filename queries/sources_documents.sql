-- purpose: the seed documents and publications behind the store, with how many figures each gives
-- params: none
-- columns: source_id, title, kind, publisher, published_date, file_name, licence, url, purpose, note, n_figures, n_judgements, n_statements
WITH o AS (SELECT source_id, n_figures AS n FROM source_counts),  -- counted at build (data/build.py finalize)
     j AS (SELECT source_id, count(*) AS n FROM judgements GROUP BY source_id),
     t AS (SELECT source_id, count(*) AS n FROM statements GROUP BY source_id)
SELECT s.source_id, s.title, s.kind, s.publisher, s.published_date, s.file_name, s.licence, s.url, s.purpose,
       s.note, coalesce(o.n, 0) AS n_figures, coalesce(j.n, 0) AS n_judgements, coalesce(t.n, 0) AS n_statements
FROM sources s
LEFT JOIN o USING (source_id) LEFT JOIN j USING (source_id) LEFT JOIN t USING (source_id)
WHERE s.kind <> 'upload' OR s.source_id IN (SELECT 'upload:' || upload_id FROM uploads WHERE status = 'active')
ORDER BY CASE s.kind WHEN 'seed document' THEN 0 WHEN 'publication' THEN 1 ELSE 2 END, s.published_date;
