"""Read-only JSON API (``/api/v1``) over published write-ups and themes."""
