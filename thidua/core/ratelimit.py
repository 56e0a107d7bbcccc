"""Counting requests per key in the cache: a fixed window, shared by every web node.

With CACHE_URL=redis://… the count holds across nodes and restarts of one node; with the
default local-memory cache it is per process, which is enough for a single node.
"""

from django.core.cache import cache


def allow(key: str, *, limit: int, window: int) -> bool:
    """Count one more request under ``key``; False once more than ``limit`` fell in the
    current ``window`` seconds (the window starts with the first request)."""
    key = f"ratelimit:{key}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit
