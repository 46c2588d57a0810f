"""Themes ("thématiques") that write-ups are tagged with."""
