-- How every page, slide and download names a source, worked out once: 'Title (file, date)' (a council paper's
-- file is what its quotes cite; a publication's is the pack file it was read from), or 'Title (publisher,
-- date)' where there is no file.
SELECT source_id,
       title || coalesce(' (' || coalesce(nullif(file_name, ''), publisher)
                         || coalesce(', ' || strftime(published_date, '%-d %B %Y'), '') || ')', '') AS label
FROM sources
