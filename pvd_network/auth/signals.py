"""What happens to accounts, announced to whoever listens (mails, later notifications).

Services send these after changing and flushing the data and before the commit; the
receivers queue their work for after the commit (see core/transactions.py). Every signal
is sent with the account as sender.
"""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

registered = _signals.signal("account-registered")
confirmation_requested = _signals.signal("account-confirmation-requested")
confirmed = _signals.signal("account-confirmed")  # kwargs: awaiting_approval
approved = _signals.signal("account-approved")  # kwargs: by
refused = _signals.signal("account-refused")  # kwargs: by, reason
suspended = _signals.signal("account-suspended")  # kwargs: by, reason, until (datetime or None)
reactivated = _signals.signal("account-reactivated")  # kwargs: by (None when a suspension ran out)
trust_changed = _signals.signal("account-trust-changed")  # kwargs: by, trusted (bool)
role_changed = _signals.signal("account-role-changed")  # kwargs: by, old_role
password_reset_requested = _signals.signal("password-reset-requested")
password_changed = _signals.signal("password-changed")
email_change_requested = _signals.signal("email-change-requested")  # kwargs: new_email
email_changed = _signals.signal("email-changed")  # kwargs: old_email
# Sent just before personal data is erased: features anonymise what they hold.
erasing = _signals.signal("account-erasing")
deleted = _signals.signal("account-deleted")  # kwargs: email (the erased address)
# "Mes données": receivers return (section name, JSON-able data) for the export.
personal_data_requested = _signals.signal("personal-data-requested")
