"""What happens to write-ups, for mails and (later) notifications. Sender: the write-up."""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

submitted = _signals.signal("writeup-submitted")
published = _signals.signal("writeup-published")  # kwargs: by (None for imports), first (bool)
changes_requested = _signals.signal("writeup-changes-requested")  # kwargs: by, message
rejected = _signals.signal("writeup-rejected")  # kwargs: by, reason
edited = _signals.signal("writeup-edited")  # kwargs: by
archived = _signals.signal("writeup-archived")  # kwargs: by
hidden = _signals.signal("writeup-hidden")  # kwargs: by (None when automatic), reason
unhidden = _signals.signal("writeup-unhidden")  # kwargs: by
