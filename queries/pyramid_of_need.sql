-- purpose: the 2006 profile of need (seed figures) beside today's published equivalents
-- params: none
-- columns: level_order, level, then_level, now_level, then_value, then_period, then_source, then_line, then_quote, now_value, now_period, now_indicator, now_source
-- local_facts: Herefordshire's and England's rows, kept apart by data/build.py finalize().
-- Each level is named as each side measures it: the 2006 top level is the 0-19 population and its 'in need' the
-- council's estimate (seed 000 lines 138-140; 41,619 aged 0-19 at seed 001 line 1258), today's are the 0-17 population and the children in need census count.
WITH levels(level_order, level, then_level, now_level, then_id, now_id) AS (
    VALUES (1, 'All children', 'Children and young people aged 0-19', 'Children aged 0-17', 'profile_all_children',
               'pop_0_17'),
           (2, 'Additional needs', 'Additional needs', NULL, 'profile_additional_needs', NULL),
           (3, 'In need', 'In need (estimate)', 'Children in need (census count)', 'profile_in_need', 'cin_count'),
           (4, 'Severe and complex needs', 'Severe and complex needs', NULL, 'profile_severe_complex', NULL),
           (5, 'Looked after', 'Looked after', 'Looked after', 'profile_looked_after', 'LACnum'),
           (6, 'On the child protection register / plan', 'On the child protection register',
               'On a child protection plan', 'profile_cp_register', 'CPP_Num')
),
seed AS (
    SELECT indicator_id, value, period, source_document, source_line, source_quote,
           row_number() OVER (PARTITION BY indicator_id ORDER BY source_line) AS rn
    FROM local_facts WHERE area_code = 'E06000019' AND value_type = 'actual' AND value IS NOT NULL
),
now AS (
    SELECT indicator_id, indicator, value, period, source_document,
           row_number() OVER (PARTITION BY indicator_id ORDER BY period_end DESC) AS rn
    FROM local_facts WHERE area_code = 'E06000019' AND source_kind = 'publication' AND value IS NOT NULL
)
SELECT l.level_order, l.level, l.then_level, l.now_level,
       s.value AS then_value, s.period AS then_period, s.source_document AS then_source,
       s.source_line AS then_line, s.source_quote AS then_quote,
       n.value AS now_value, n.period AS now_period, n.indicator AS now_indicator, n.source_document AS now_source
FROM levels l
LEFT JOIN seed s ON s.indicator_id = l.then_id AND s.rn = 1
LEFT JOIN now n ON n.indicator_id = l.now_id AND n.rn = 1
ORDER BY l.level_order;
