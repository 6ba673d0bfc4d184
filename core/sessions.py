"""The database session store, refusing session keys Django never issues.

Django only checks that a key from the cookie is at least 8 characters long
before looking it up. A forged cookie such as ``sessionid="\\000abcdefgh"``
(the cookie parser turns the octal escape into a NUL) then makes PostgreSQL
raise instead of finding nothing, and every admin page answers 500 for that
browser. A key with characters Django does not use is simply no session.
"""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

_KEY_CHARACTERS = frozenset(VALID_KEY_CHARS)
_KEY_MAX_LENGTH = 40  # the column's length


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key: str | None) -> bool:
        return bool(
            key is not None
            # Django's private check (at least 8 characters), not in django-stubs.
            and super()._validate_session_key(key)  # type: ignore[misc]
            and len(key) <= _KEY_MAX_LENGTH
            and _KEY_CHARACTERS.issuperset(key)
        )
