-- purpose: the lines around a cited line of a seed document, to read a quote in its context
-- params: doc=003_7ecbc41205563c8b.txt, line=100, radius=4
-- columns: line_no, text, is_cited
SELECT line_no, text, line_no = $line AS is_cited
FROM document_lines
WHERE source_id = $doc AND line_no BETWEEN $line - $radius AND $line + $radius
ORDER BY line_no;
