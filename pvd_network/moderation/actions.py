"""The vocabulary of moderation: action codes, their French labels, refusal reasons, item states.

Action codes are stored in the audit log (``ModerationAction.action``) and sent as the
``action`` of :data:`pvd_network.moderation.signals.decided`.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from pvd_network.auth.models import STATUSES as ACCOUNT_STATUSES
from pvd_network.writeups.models import STATUSES as WRITEUP_STATUSES

# Target types of the audit log.
WRITEUP, COMMENT, USER = "writeup", "comment", "user"

# Write-up review.
PUBLISH, REQUEST_CHANGES, REJECT = "publish", "request_changes", "reject"
AUTO_PUBLISH = "auto_publish"  # a trusted contributor's write-up, published without review
ARCHIVE = "archive"  # a moderator archived someone else's write-up from its page
# Content (write-ups and comments).
HIDE, UNHIDE, DELETE, KEEP = "hide", "unhide", "delete", "keep"
AUTO_HIDE = "auto_hide"  # hidden after PVD_REPORTS_BEFORE_HIDING reports
LOCK, UNLOCK = "lock", "unlock"
# Members and accounts.
WARN, SUSPEND, REACTIVATE, TRUST, UNTRUST = "warn", "suspend", "reactivate", "trust", "untrust"
AUTO_REACTIVATE = "auto_reactivate"  # a suspension with an end date ran out
APPROVE, REFUSE = "approve", "refuse"
# Sent to each reporter when a moderator resolves the reports on an item (never stored).
REPORT_HIDDEN, REPORT_DELETED, REPORT_KEPT = "report_hidden", "report_deleted", "report_kept"

ACTIONS = {
    PUBLISH: _l("Publication"),
    AUTO_PUBLISH: _l("Publication directe (contributeur de confiance)"),
    REQUEST_CHANGES: _l("Demande de modifications"),
    REJECT: _l("Refus"),
    ARCHIVE: _l("Archivage"),
    HIDE: _l("Masquage"),
    AUTO_HIDE: _l("Masquage automatique (signalements)"),
    UNHIDE: _l("Rétablissement"),
    DELETE: _l("Suppression"),
    KEEP: _l("Signalements classés sans suite"),
    LOCK: _l("Discussion verrouillée"),
    UNLOCK: _l("Discussion rouverte"),
    WARN: _l("Avertissement"),
    SUSPEND: _l("Suspension"),
    REACTIVATE: _l("Réactivation"),
    AUTO_REACTIVATE: _l("Fin de suspension (automatique)"),
    TRUST: _l("Contributeur de confiance"),
    UNTRUST: _l("Confiance retirée"),
    APPROVE: _l("Inscription validée"),
    REFUSE: _l("Inscription refusée"),
}

# What the member concerned is told, one sentence per action (notifications may use it).
TOLD = {
    PUBLISH: _l("Votre retour d'expérience est publié."),
    AUTO_PUBLISH: _l("Votre retour d'expérience est publié."),
    REQUEST_CHANGES: _l("Des modifications sont demandées sur votre retour d'expérience."),
    REJECT: _l("Votre retour d'expérience n'a pas été retenu."),
    ARCHIVE: _l("Votre retour d'expérience a été archivé par l'équipe de modération."),
    HIDE: _l("Votre contenu a été masqué par l'équipe de modération."),
    AUTO_HIDE: _l("Votre contenu a été masqué automatiquement après plusieurs signalements, "
                  "en attendant l'examen de l'équipe de modération."),
    UNHIDE: _l("Votre contenu est de nouveau visible."),
    DELETE: _l("Votre contenu a été supprimé par l'équipe de modération."),
    KEEP: _l("Après examen des signalements, votre contenu est de nouveau visible."),
    LOCK: _l("La discussion de votre retour d'expérience est verrouillée."),
    UNLOCK: _l("La discussion de votre retour d'expérience est rouverte."),
    WARN: _l("Vous avez reçu un avertissement de l'équipe de modération."),
    SUSPEND: _l("Votre compte est suspendu."),
    REACTIVATE: _l("Votre compte est de nouveau actif."),
    AUTO_REACTIVATE: _l("Votre suspension est terminée : votre compte est de nouveau actif."),
    TRUST: _l("Vous êtes désormais contributeur ou contributrice de confiance : vos retours sont "
              "publiés sans relecture préalable."),
    UNTRUST: _l("Vos retours d'expérience passent de nouveau par la relecture."),
    APPROVE: _l("Votre inscription est validée."),
    REFUSE: _l("Votre inscription n'a pas été validée."),
    REPORT_HIDDEN: _l("Suite à votre signalement, le contenu a été masqué."),
    REPORT_DELETED: _l("Suite à votre signalement, le contenu a été supprimé."),
    REPORT_KEPT: _l("Après examen de votre signalement, le contenu a été conservé."),
}

# Reasons a write-up is refused (the moderator adds a free text).
REJECT_REASONS = {
    "hors-perimetre": _l("Hors du périmètre de Petites villes de demain"),
    "doublon": _l("Doublon d'un retour existant"),
    "insuffisant": _l("Contenu trop succinct pour être utile à d'autres communes"),
    "promotionnel": _l("Contenu promotionnel ou commercial"),
    "charte": _l("Contraire à la charte de Réseau PVD"),
    "autre": _l("Autre motif"),
}

TARGETS = {WRITEUP: _l("Retour d'expérience"), COMMENT: _l("Commentaire"), USER: _l("Membre")}


def action_label(action: str) -> str:
    """The French name of an action code (the code itself when unknown)."""
    return str(ACTIONS.get(action, action))


def target_label(target_type: str) -> str:
    return str(TARGETS.get(target_type, target_type))


def told(action: str, reason: str = "") -> str:
    """The sentence the member concerned reads, followed by the reason."""
    sentence = str(TOLD.get(action, ACTIONS.get(action, action)))
    return _("%(sentence)s Motif : %(reason)s", sentence=sentence, reason=reason) if reason else sentence


def reject_message(code: str, text: str) -> str:
    """The refusal as the author reads it: the reason from the list, then the moderator's text."""
    label = str(REJECT_REASONS.get(code, ""))
    return f"{label}. {text}".strip() if label and text else (label or text)


# Parts of a state as written in the audit log ("published:hidden:locked", "active:trusted"…).
STATE_PARTS = {
    "hidden": _l("masqué"),
    "locked": _l("discussion verrouillée"),
    "trusted": _l("contributeur de confiance"),
    "visible": _l("Visible"),
    "deleted": _l("Supprimé"),
}


def state_label(state: str) -> str:
    """"published:hidden" -> "Publié, masqué"; "archived:hidden" (deleted) -> "Supprimé"."""
    if not state:
        return "—"
    parts = state.split(":")
    if parts[:2] == ["archived", "hidden"]:
        parts = ["deleted", *parts[2:]]
    first = parts[0]
    label = str(WRITEUP_STATUSES.get(first) or ACCOUNT_STATUSES.get(first) or STATE_PARTS.get(first, first))
    rest = [str(STATE_PARTS.get(part, part)) for part in parts[1:]]
    return ", ".join([label[:1].upper() + label[1:], *rest])
