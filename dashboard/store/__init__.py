"""Store access: the read-only DuckDB connection, the SQL query runner, cache keys."""
