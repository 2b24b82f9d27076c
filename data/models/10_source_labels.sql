-- How every page, slide and download names a source (the source_label macro, data/schema.sql), worked out once.
SELECT source_id, source_label(kind, title, short_title, publisher, published_date) AS label FROM sources
