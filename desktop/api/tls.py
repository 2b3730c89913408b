"""One TLS configuration for every HTTP client the app makes.

Building an SSL context loads the whole CA bundle (about 25 ms and a few MB); httpx would do it again for
each short-lived client (token grants, revocation), on the event-loop thread.
"""

from __future__ import annotations

import functools
import ssl

import httpx


@functools.cache
def shared_ssl_context() -> ssl.SSLContext:
    return httpx.create_ssl_context()
