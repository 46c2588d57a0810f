"""Discussion threads under write-ups: comments, replies, mentions and "utile" reactions."""
