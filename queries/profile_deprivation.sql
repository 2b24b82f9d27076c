-- purpose: county-level deprivation figures (IMD summaries, LSOA shares, children in income-deprived families) for Herefordshire and England by edition
-- params: none
-- columns: indicator_id, indicator, unit, polarity, area_code, area, period, period_end, value, numerator, denominator, source_document, note
-- local_facts: Herefordshire's and England's rows, kept apart by data/build.py finalize().
SELECT indicator_id, indicator, unit, polarity, area_code, area, period, period_end, value, numerator, denominator,
       source_document, note
FROM local_facts
WHERE area_code IN ('E06000019', 'E92000001')
  AND (indicator_id LIKE 'imd20%' OR indicator_id IN ('imd_lsoa_pct_most_deprived_10', 'imd_lsoa_pct_most_deprived_20',
       'imd_cyp_education_pct_most_deprived_20', 'idaci_children_income_deprived', 'imd_lsoa_count')
       OR indicator_id LIKE 'imd_lsoas_decile_%')
  AND value IS NOT NULL
ORDER BY period_end, indicator_id, area_code;
