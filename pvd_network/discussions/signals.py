"""What happens in discussions, for notifications, mails and search. Sender: the comment
(or the reaction's target)."""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# kwargs: mentioned (list of User newly mentioned), replied_to (Comment or None)
comment_posted = _signals.signal("comment-posted")
comment_edited = _signals.signal("comment-edited")  # kwargs: mentioned (newly mentioned users)
comment_deleted = _signals.signal("comment-deleted")  # kwargs: by
reaction_added = _signals.signal("reaction-added")  # sender: writeup or comment; kwargs: user
