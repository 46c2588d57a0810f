"""Atom feeds of public write-ups: all of them, per theme, per région."""
