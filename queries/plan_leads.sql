-- purpose: the plan's index of leads' initials (and its glossary of bodies) with the role each stands for
-- params: none
-- columns: initials, role, source_document, source_line, source_quote
SELECT l.initials, l.role, source_label(s.kind, s.title, s.short_title, s.publisher, s.published_date) AS source_document, l.source_line, l.source_quote
FROM plan_leads l
LEFT JOIN sources s USING (source_id)
ORDER BY l.source_line;
