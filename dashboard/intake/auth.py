"""Analyst sign-in for the Upload page.

Viewers never sign in and never see the Upload page. Analysts sign in with a password whose **bcrypt
hash** (never the password) is configured outside git, in one of:

* `.streamlit/secrets.toml` (git-ignored)::

      analyst_password_hash = "$2b$12$..."          # one shared analyst password
      [analysts]                                     # or / and: named analysts, one hash each
      "a.smith" = "$2b$12$..."
      "j.jones" = "$2b$12$..."

* the environment variable `ANALYST_PASSWORD_HASH` (a shared password; e.g. for a container).

Make a hash with `python -m dashboard.intake.auth hash` (reads the password without echoing it, prints the
hash). With named analysts the audit log records the account name; with a shared password it records the
name the analyst types, so prefer named accounts.

**Alternative: single sign-on (OIDC).** Streamlit (>= 1.42) can sign users in with an OpenID Connect
provider such as Microsoft Entra ID: add an `[auth]` section to `.streamlit/secrets.toml`::

      [auth]
      redirect_uri = "https://<host>/oauth2callback"
      cookie_secret = "<long random string>"
      client_id = "..."
      client_secret = "..."
      server_metadata_url = "https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration"

and use `st.login()`, `st.logout()` and `st.user.is_logged_in` / `st.user.email`; an allow-list of analyst
e-mail addresses (e.g. `analyst_emails = [...]` in secrets) then replaces the password check. It needs
`Authlib` installed and the host reachable from the identity provider, which is why this
offline-first build uses the bcrypt password.
"""

from __future__ import annotations

import functools
import getpass
import os
import re
import sys
import threading
import time

import bcrypt

SESSION_KEY = "analyst_user"
ENV_VAR = "ANALYST_PASSWORD_HASH"
MAX_ATTEMPTS = 5
LOCKOUT_SECONDS = 60

# Failed sign-ins, kept by the server (not in the browser session, which a reload resets): per account name
# and per client address. A name or a client with MAX_ATTEMPTS failures in LOCKOUT_SECONDS is refused.
_FAILS: dict[str, list[float]] = {}
_FAILS_LOCK = threading.Lock()


@functools.cache
def _dummy(rounds: int) -> bytes:
    """A hash of a random string at the same cost as the real ones: checked when the name is unknown, so an
    unknown name takes as long to refuse as a known one."""
    return bcrypt.hashpw(os.urandom(16).hex().encode(), bcrypt.gensalt(rounds=rounds))


def _cost(hashed: str | None) -> int:
    m = re.match(r"^\$2[aby]?\$(\d\d)\$", hashed or "")
    return int(m.group(1)) if m else 12


def locked_out(*keys: str, now: float | None = None) -> bool:
    now = time.time() if now is None else now
    with _FAILS_LOCK:
        for k in keys:
            _FAILS[k] = [t for t in _FAILS.get(k, []) if now - t < LOCKOUT_SECONDS]
        return any(len(_FAILS[k]) >= MAX_ATTEMPTS for k in keys)


def record_failure(*keys: str) -> None:
    with _FAILS_LOCK:
        for k in keys:
            _FAILS.setdefault(k, []).append(time.time())


def clear_failures(*keys: str) -> None:
    with _FAILS_LOCK:
        for k in keys:
            _FAILS.pop(k, None)


def client_key() -> str:
    """The client's address as the server sees it (st.context), for the per-client lockout."""
    try:
        import streamlit as st

        ip = getattr(st.context, "ip_address", None) or st.context.headers.get("X-Forwarded-For", "")
        return f"client:{str(ip).split(',')[0].strip() or 'unknown'}"
    except Exception:
        return "client:unknown"


def hash_password(password: str, rounds: int = 12) -> str:
    if not password:
        raise ValueError("empty password")
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=rounds)).decode("ascii")


def verify(password: str, hashed: str | bytes | None) -> bool:
    """True when `password` matches the bcrypt `hashed`; False for anything malformed (never raises)."""
    if not password or not hashed:
        return False
    try:
        h = hashed.encode("ascii") if isinstance(hashed, str) else hashed
        return bcrypt.checkpw(password.encode("utf-8"), h)
    except (ValueError, TypeError):
        return False


def _secrets() -> dict:
    try:
        import streamlit as st

        return {k: st.secrets[k] for k in st.secrets}
    except Exception:  # no secrets file, or not running under Streamlit
        return {}


def configured_hash() -> str | None:
    """The shared analyst password hash: Streamlit secrets first, then the environment."""
    h = _secrets().get("analyst_password_hash") or os.environ.get(ENV_VAR)
    return str(h).strip() if h else None


def configured_users() -> dict[str, str]:
    """Named analysts (name -> hash) from secrets `[analysts]`."""
    users = _secrets().get("analysts") or {}
    try:
        return {str(k): str(v) for k, v in dict(users).items()}
    except (TypeError, ValueError):
        return {}


def is_configured() -> bool:
    return bool(configured_hash() or configured_users())


def check_credentials(user: str, password: str) -> str | None:
    """The signed-in name, or None. When named accounts are configured only they sign in (the audit log then
    records a real account); otherwise the shared hash accepts the name typed. An unknown name costs the
    same bcrypt work as a known one."""
    user = (user or "").strip()
    users = configured_users()
    shared = configured_hash()
    if user in users:
        return user if verify(password, users[user]) else None
    if shared and user and not users:
        return user if verify(password, shared) else None
    cost = _cost(next(iter(users.values()), None) or shared)
    verify(password or "x", _dummy(cost))  # same work whether or not the name exists
    return None


def is_analyst() -> bool:
    """True when this browser session has signed in as an analyst (app.py shows the Upload page then)."""
    try:
        import streamlit as st

        return bool(st.session_state.get(SESSION_KEY))
    except Exception:
        return False


def current_user() -> str | None:
    import streamlit as st

    return st.session_state.get(SESSION_KEY)


def sign_out() -> None:
    import streamlit as st

    st.session_state.pop(SESSION_KEY, None)


def require_analyst() -> str | None:
    """Render the sign-in form unless signed in; return the analyst's name or None."""
    import streamlit as st

    user = st.session_state.get(SESSION_KEY)
    if user:
        return user
    if not is_configured():
        st.info(
            "Analyst sign-in is not set up on this server. An administrator adds a password hash "
            "(`python -m dashboard.intake.auth hash`) to `.streamlit/secrets.toml` as "
            "`analyst_password_hash`, "
            f"or sets the environment variable `{ENV_VAR}`."
        )
        return None
    with st.form("analyst_sign_in"):
        st.markdown("**Analyst sign-in**")
        name = st.text_input("Your name or account", autocomplete="username")
        password = st.text_input("Password", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Sign in")
    if submitted:
        keys = (f"name:{name.strip().lower()}", client_key())
        if locked_out(*keys):
            st.error(f"Too many attempts. Wait {LOCKOUT_SECONDS} seconds and try again.")
            return None
        who = check_credentials(name, password)
        if who:
            st.session_state[SESSION_KEY] = who
            clear_failures(keys[0])
            st.rerun()
        record_failure(*keys)
        st.error("Name or password not recognised." if name.strip() else "Enter your name and the password.")
    return None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args != ["hash"]:
        print(
            "usage: python -m dashboard.intake.auth hash   (reads a password, prints its bcrypt hash)",
            file=sys.stderr,
        )
        return 2
    if sys.stdin.isatty():
        pw = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != pw:
            print("The two entries differ.", file=sys.stderr)
            return 1
    else:
        pw = sys.stdin.readline().rstrip("\r\n")
    if len(pw) < 12:
        print("Use at least 12 characters.", file=sys.stderr)
        return 1
    print(hash_password(pw))
    return 0


if __name__ == "__main__":
    sys.exit(main())
