"""Outgoing mail: French messages (plain text + HTML) sent only after the database commit.

With ``MAIL_SERVER`` set, messages go through Flask-Mail over SMTP; without it (the
``make run`` default) each message is written to ``<instance>/mail/`` as an ``.eml`` file
and logged, so a person can open it and follow its links. A failed send is logged: the
change that caused the message is already committed and stays.
"""
from __future__ import annotations

import base64
import logging
import os
import secrets
from datetime import UTC, datetime

from flask import current_app, render_template
from flask_babel import force_locale
from flask_mail import Message

from pvd_network.core.transactions import after_commit
from pvd_network.extensions import mail

log = logging.getLogger(__name__)

MAIL_LOCALE = "fr"
SUBJECT_CHUNK_BYTES = 36


def build_message(subject: str, recipients: list[str], template: str, **context) -> Message:
    """Render ``<template>.txt`` and ``<template>.html`` (in French) into a message."""
    with force_locale(MAIL_LOCALE):
        text = render_template(f"{template}.txt", subject=subject, **context)
        html = render_template(f"{template}.html", subject=subject, **context)
    return Message(
        subject=encoded_subject(f"[Réseau PVD] {subject}"),
        recipients=list(recipients),
        body=text,
        html=html,
        sender=current_app.config["MAIL_DEFAULT_SENDER"],
    )


def encoded_subject(text: str) -> str:
    """``text`` as RFC 2047 encoded words that each carry their own spaces, already folded.

    Flask-Mail's messages are generated with ``policy.SMTP``, which re-folds a long subject
    and, doing so, drops the space between two encoded words ("a répondu à" arrives as
    "a réponduà"). Subjects carry titles and names, so they are often long: they are given
    here as base64 words of at most 36 bytes (48 base64 characters, split between characters),
    one per line, so that no line is long enough to be re-folded."""
    if text.isascii() and (len(text) <= 60 or text.startswith("=?utf-8?b?")):
        return text
    chunks, chunk = [], b""
    for character in text:
        encoded = character.encode("utf-8")
        if len(chunk) + len(encoded) > SUBJECT_CHUNK_BYTES:
            chunks.append(chunk)
            chunk = b""
        chunk += encoded
    chunks.append(chunk)
    return "\r\n ".join(f"=?utf-8?b?{base64.b64encode(part).decode('ascii')}?=" for part in chunks)


def send_after_commit(message: Message) -> None:
    """Queue ``message``: it leaves when the current transaction commits, not before."""
    app = current_app._get_current_object()

    def deliver_now() -> None:
        with app.app_context():
            deliver(message)

    deliver_now.__qualname__ = f"deliver({message.subject!r} to {message.recipients})"
    after_commit(deliver_now)


def deliver(message: Message) -> bool:
    """Send ``message`` now (SMTP, or an .eml file without a server); False when it failed."""
    if not current_app.config.get("MAIL_SERVER"):
        path = write_eml(message)
        log.info("Mail written to %s (to %s): %s", path, ", ".join(message.recipients), message.subject)
        return True
    try:
        mail.send(message)
    except Exception:  # noqa: BLE001 - SMTP down, refused recipient...: log it, keep going
        log.exception("Mail could not be sent to %s: %s", ", ".join(message.recipients), message.subject)
        return False
    log.info("Mail sent to %s: %s", ", ".join(message.recipients), message.subject)
    return True


def mail_folder() -> str:
    """Where messages are written when no SMTP server is configured."""
    return os.path.join(current_app.instance_path, "mail")


def write_eml(message: Message) -> str:
    """Write ``message`` as an .eml file in the instance's mail folder; return its path."""
    folder = mail_folder()
    os.makedirs(folder, exist_ok=True)
    if message.date is None:
        message.date = datetime.now(UTC).timestamp()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = os.path.join(folder, f"{stamp}-{secrets.token_hex(4)}.eml")
    with open(path, "wb") as fh:
        fh.write(message.as_bytes())
    return path
