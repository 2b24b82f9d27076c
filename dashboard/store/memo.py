"""Memoise pure functions of DataFrames and plain values by content (no Streamlit here).

Page scripts rerun on every interaction; the figure builders and table wranglers they call are pure, so a
result is kept per *content* of the arguments (a digest of their pickle), whatever the session or the
store version that produced the inputs. Equal pickles mean equal inputs, so a hit is always right; a
miss only costs the computation. Callers get a fresh copy of the result (`thaw`), so mutating it — e.g.
fig.add_annotation on a chart — never touches the cached value.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

_MISS = object()


def digest(*parts: Any) -> bytes | None:
    """A content digest of picklable values (None when something cannot be pickled, e.g. a lambda)."""
    try:
        raw = pickle.dumps(parts, protocol=5)
    except Exception:  # noqa: BLE001 - unpicklable arguments are simply not cached
        return None
    return hashlib.blake2b(raw, digest_size=20).digest()


def memoize(
    maxsize: int = 256, freeze: Callable[[Any], Any] | None = None, thaw: Callable[[Any], Any] | None = None
):
    """Decorator: cache fn(*args, **kwargs) by the content of its arguments (LRU, thread-safe).

    freeze turns a result into what is stored (e.g. a figure into its dict), thaw turns the stored value
    into what each caller gets (default: a deep copy; DataFrames: a deep DataFrame copy)."""

    def deco(fn):
        store: OrderedDict[bytes, Any] = OrderedDict()
        lock = threading.Lock()
        name = f"{fn.__module__}.{fn.__qualname__}"

        def _thaw(v):
            if thaw is not None:
                return thaw(v)
            if hasattr(v, "copy") and type(v).__module__.startswith("pandas"):
                return v.copy(deep=True)
            return copy.deepcopy(v)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            key = digest(name, args, sorted(kwargs.items()))
            if key is None:
                return fn(*args, **kwargs)
            with lock:
                hit = store.get(key, _MISS)
                if hit is not _MISS:
                    store.move_to_end(key)
            if hit is not _MISS:
                return _thaw(hit)
            result = fn(*args, **kwargs)
            frozen = freeze(result) if freeze is not None else _copy_in(result)
            with lock:
                store[key] = frozen
                store.move_to_end(key)
                while len(store) > maxsize:
                    store.popitem(last=False)
            return _thaw(frozen)

        wrapper.cache_clear = store.clear  # type: ignore[attr-defined]
        return wrapper

    return deco


def _copy_in(v):
    if hasattr(v, "copy") and type(v).__module__.startswith("pandas"):
        return v.copy(deep=True)
    return copy.deepcopy(v)
