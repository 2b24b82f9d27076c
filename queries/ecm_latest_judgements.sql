-- purpose: each Every Child Matters outcome (and service management) with every graded judgement over time
-- params: none
-- columns: outcome, framework, judgement_date, period_label, grade, grade_label, scale, subject, source_document, source_line, source_quote, is_latest, is_self_assessment
WITH j AS (
    SELECT j.*, source_label(s.kind, s.title, s.short_title, s.publisher, s.published_date) AS source_document
    FROM judgements j JOIN sources s USING (source_id)
    WHERE j.outcome IN ('Be healthy', 'Stay safe', 'Enjoy and achieve', 'Make a positive contribution',
                        'Achieve economic well-being', 'Service management', 'Capacity to improve')
)
SELECT outcome, framework, judgement_date, period_label, grade, grade_label, scale, subject,
       source_document, source_line, source_quote,
       -- the latest overall judgement: graded on the four-point scale, not a sub-judgement (003:261's 2014
       -- adoption grade is one); a self-assessment counts but says so (is_self_assessment)
       row_number() OVER (PARTITION BY outcome
                          ORDER BY (grade IS NOT NULL AND coalesce(subject, '') NOT ILIKE '%sub-judgement%') DESC,
                                   judgement_date DESC NULLS LAST) = 1
           AND grade IS NOT NULL AND coalesce(subject, '') NOT ILIKE '%sub-judgement%' AS is_latest,
       framework ILIKE '%self-assessment%' AS is_self_assessment
FROM j
ORDER BY CASE outcome WHEN 'Be healthy' THEN 1 WHEN 'Stay safe' THEN 2 WHEN 'Enjoy and achieve' THEN 3
                      WHEN 'Make a positive contribution' THEN 4 WHEN 'Achieve economic well-being' THEN 5
                      ELSE 6 END,
         judgement_date NULLS FIRST;
