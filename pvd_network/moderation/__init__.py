"""Moderation: the review queue, reports, decisions, the audit log and the dashboard."""
