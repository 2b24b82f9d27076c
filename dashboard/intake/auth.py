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

import getpass
import os
import sys
import time

import bcrypt

SESSION_KEY = "analyst_user"
ENV_VAR = "ANALYST_PASSWORD_HASH"
MAX_ATTEMPTS = 5
LOCKOUT_SECONDS = 60
# A valid hash of a random string: checked when the user name is unknown so timing does not reveal names.
_DUMMY = bcrypt.hashpw(b"not-a-password", bcrypt.gensalt(rounds=4))


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
    """The signed-in name, or None. Named accounts are checked first; the shared hash accepts any name."""
    user = (user or "").strip()
    users = configured_users()
    if user in users:
        return user if verify(password, users[user]) else None
    shared = configured_hash()
    if shared and user:
        return user if verify(password, shared) else None
    verify(password, _DUMMY)  # same work whether or not the name exists
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
    fails = st.session_state.get("_auth_fails", [])
    fails = [t for t in fails if time.time() - t < LOCKOUT_SECONDS]
    st.session_state["_auth_fails"] = fails
    with st.form("analyst_sign_in"):
        st.markdown("**Analyst sign-in**")
        name = st.text_input("Your name or account", autocomplete="username")
        password = st.text_input("Password", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Sign in")
    if submitted:
        if len(fails) >= MAX_ATTEMPTS:
            st.error(f"Too many attempts. Wait {LOCKOUT_SECONDS} seconds and try again.")
            return None
        who = check_credentials(name, password)
        if who:
            st.session_state[SESSION_KEY] = who
            st.session_state.pop("_auth_fails", None)
            st.rerun()
        fails.append(time.time())
        st.session_state["_auth_fails"] = fails
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
