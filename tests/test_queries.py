"""Every SQL file in queries/ has a header, runs with its example parameters and returns its columns."""

import pytest

from dashboard.store import queries

ALL = queries.names()


def test_there_are_queries():
    assert len(ALL) >= 10


@pytest.mark.parametrize("name", ALL)
def test_query_header_and_columns(con, name):
    h = queries.header(name)
    assert h.purpose, f"{name}.sql has no '-- purpose:' line"
    assert h.columns, f"{name}.sql has no '-- columns:' line"
    assert set(h.params) == queries.bind_names(name), f"{name}.sql: params header does not match its $names"
    df = queries.run_sql(con, name, **queries.example_params(name))
    assert list(df.columns) == list(h.columns)


def test_unknown_query_name_is_refused():
    with pytest.raises(queries.QueryError):
        queries.sql_text("../data/schema")
    with pytest.raises(queries.QueryError):
        queries.sql_text("no_such_query")


def test_values_are_bound_not_formatted(con):
    hostile = "LAC'; DROP TABLE observations; --"
    df = queries.run_sql(con, "trend_series", indicator_id=hostile, from_year=2005)
    assert df.empty
    assert con.execute("SELECT count(*) FROM observations").fetchone()[0] > 0
