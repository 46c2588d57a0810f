"""Moderation decisions, for notifications and mails. Sender: the item (write-up, comment, user)."""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# kwargs: action (code), by (moderator or None when automatic), reason, recipient (User told)
decided = _signals.signal("moderation-decided")
# kwargs: report (Report); sent when an item reaches the automatic hiding threshold too
reported = _signals.signal("content-reported")
