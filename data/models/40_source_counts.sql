-- How many figures each source gives (the Sources page), counted once rather than on every visit.
SELECT source_id, count(*) AS n_figures FROM observations GROUP BY source_id
