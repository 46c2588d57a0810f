"""Moderation decisions, for notifications and mails. Sender: the item (write-up, comment, user).

``decided`` kwargs:
- ``action``: a code of :mod:`pvd_network.moderation.actions` (publish, request_changes,
  reject, auto_publish, hide, auto_hide, unhide, delete, keep, lock, unlock, warn, suspend,
  reactivate, auto_reactivate, trust, untrust, approve, refuse), or for reporters
  report_hidden, report_deleted, report_kept;
- ``by``: the moderator, or None when automatic;
- ``reason``: the reason the moderator wrote (what the member is told);
- ``recipient``: the User told (the author or member concerned, or each reporter);
- ``emailed``: True when a mail about it already went (write-up decisions, account
  decisions): then only the in-app notification is wanted.
``moderation.actions.told(action, reason)`` gives the French sentence for the member.
"""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# kwargs: action (code), by (moderator or None when automatic), reason, recipient (User told), emailed
decided = _signals.signal("moderation-decided")
# kwargs: report (Report); sent when an item reaches the automatic hiding threshold too
reported = _signals.signal("content-reported")
