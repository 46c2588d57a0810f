"""French full-text search over Whoosh, kept consistent with the database by the change log."""
