"""A running app picks up a rebuilt store renamed into place (DuckDB would otherwise reuse the old file)."""

import os
import shutil

import duckdb


def test_rebuilt_store_is_seen_by_the_next_query(store_path, tmp_path, monkeypatch):
    from dashboard.store import connection as data_access

    live = tmp_path / "store.duckdb"
    shutil.copy(store_path, live)
    monkeypatch.setenv("STORE_PATH", str(live))
    before = data_access.run("build_log")
    assert len(before) > 0

    new = tmp_path / "new.duckdb"
    shutil.copy(store_path, new)
    c = duckdb.connect(str(new))
    c.execute("DELETE FROM build_log")
    c.close()
    os.utime(
        new, ns=(live.stat().st_atime_ns, live.stat().st_mtime_ns)
    )  # same time: the new file must still be seen
    os.replace(new, live)
    after = data_access.run("build_log")
    assert len(after) == 0, "the app kept reading the replaced store"
