-- purpose: the seed documents and publications behind the store, with how many figures each gives
-- params: none
-- columns: source_id, title, kind, publisher, published_date, file_name, licence, url, purpose, note, n_figures, n_judgements, n_statements
SELECT s.source_id, s.title, s.kind, s.publisher, s.published_date, s.file_name, s.licence, s.url, s.purpose,
       s.note,
       (SELECT count(*) FROM observations o WHERE o.source_id = s.source_id) AS n_figures,
       (SELECT count(*) FROM judgements j WHERE j.source_id = s.source_id) AS n_judgements,
       (SELECT count(*) FROM statements t WHERE t.source_id = s.source_id) AS n_statements
FROM sources s
WHERE s.kind <> 'upload' OR s.source_id IN (SELECT 'upload:' || upload_id FROM uploads WHERE status = 'active')
ORDER BY CASE s.kind WHEN 'seed document' THEN 0 WHEN 'publication' THEN 1 ELSE 2 END, s.published_date;
