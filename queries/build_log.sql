-- purpose: what the last store build loaded, file by file
-- params: none
-- columns: step, source, rows, status, message, logged_at
SELECT step, source, rows, status, message, logged_at FROM build_log ORDER BY logged_at, step;
