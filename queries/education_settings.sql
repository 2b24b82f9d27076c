-- purpose: the share of each type of school and setting judged good or outstanding by Ofsted, from the council's papers
-- params: none
-- columns: setting, period, period_end, value, status, source_document, source_line, source_quote, note
SELECT CASE replace(indicator_id, 'ofsted_good_outstanding_pct_', '')
            WHEN 'early_years' THEN 'Early years settings' WHEN 'nursery_primary' THEN 'Nursery and primary schools'
            WHEN 'secondary' THEN 'Secondary schools' WHEN 'special_pru' THEN 'Special schools and PRUs'
            WHEN 'post16' THEN 'Post-16 providers' WHEN 'childrens_centres' THEN 'Children''s centres'
            WHEN 'childrens_homes' THEN 'Children''s homes'
            ELSE replace(replace(indicator_id, 'ofsted_good_outstanding_pct_', ''), '_', ' ') END AS setting,
       replace(period, ' /', '/') AS period, period_end, value, status, source_document, source_line, source_quote, note
FROM facts
WHERE indicator_id LIKE 'ofsted_good_outstanding_pct_%' AND area_code = 'E06000019' AND value IS NOT NULL
ORDER BY period_end NULLS FIRST, indicator_id;
