"""Error pages in French, and JSON errors for the API."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

# Title and explanation shown for each status; anything else falls back to its class.
MESSAGES = {
    400: (_l("Requête incorrecte"), _l("La demande envoyée n'a pas pu être comprise par le serveur.")),
    401: (_l("Connexion requise"), _l("Vous devez vous connecter pour accéder à cette page.")),
    403: (_l("Accès refusé"), _l("Vous n'avez pas l'autorisation d'accéder à cette page.")),
    404: (
        _l("Page non trouvée"),
        _l("La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée."),
    ),
    405: (_l("Méthode non autorisée"), _l("Cette adresse n'accepte pas ce type de requête.")),
    413: (
        _l("Fichier trop volumineux"),
        _l(
            "Le fichier ou le formulaire envoyé dépasse la taille autorisée. Réduisez sa taille et réessayez."
        ),
    ),
    429: (
        _l("Trop de requêtes"),
        _l("Vous avez effectué trop de demandes en peu de temps. Patientez quelques minutes puis réessayez."),
    ),
    500: (
        _l("Erreur inattendue"),
        _l("Désolé, le service rencontre un problème. Nous travaillons à le résoudre rapidement."),
    ),
    503: (_l("Service indisponible"), _l("Le service est momentanément indisponible. Réessayez plus tard.")),
}
CSRF_MESSAGE = _l(
    "Le formulaire a expiré ou n'a pas pu être vérifié (jeton de sécurité manquant ou invalide). "
    "Revenez à la page précédente, rechargez-la et envoyez à nouveau le formulaire."
)


def wants_json() -> bool:
    """API callers get JSON errors; browsers get pages."""
    return request.path.startswith("/api/")


def render_error(code: int, detail: str | None = None):
    """Render the French error page (or JSON body) for ``code``."""
    title, message = MESSAGES.get(code, MESSAGES[500 if code >= 500 else 400])
    if wants_json():
        return jsonify(error={"code": code, "title": str(title), "message": str(detail or message)}), code
    return render_template("errors/error.html", code=code, title=title, message=detail or message), code


def register(app: Flask) -> None:
    """Attach the handlers to ``app``."""

    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError):
        return render_error(400, str(CSRF_MESSAGE))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        detail = getattr(error, "pvd_detail", None)
        response = render_error(error.code, detail)
        if error.code == 405 and error.valid_methods:
            body, code = response
            return body, code, {"Allow": ", ".join(error.valid_methods)}
        return response

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return render_error(InternalServerError.code)
