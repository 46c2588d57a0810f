"""Follows, in-app notifications and notification emails (immediate or digest)."""
