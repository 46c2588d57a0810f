"""The OpenAPI 3.1 description of ``/api/v1`` (served at ``/api/v1/openapi.json``).

Paths here, schemas in api/schemas.py. Tests check that every route of the URL map under
/api/v1 is described and that real responses match the schemas.
"""
from __future__ import annotations

import copy
import re

from flask import current_app, url_for

from pvd_network.api.params import DEFAULT_PER_PAGE, MAX_PER_PAGE
from pvd_network.api.schemas import (
    RESPONSES,
    SCHEMAS,
    SEARCH_DEFAULT_PER_PAGE,
    SEARCH_MAX_PAGE,
    SEARCH_MAX_PER_PAGE,
    STAGE_VALUES,
)
from pvd_network.api.schemas import json_body as _json
from pvd_network.api.schemas import ref as _ref


def _error(description: str) -> dict:
    return {"$ref": f"#/components/responses/{description}"}


def _query(name: str, description: str, schema: dict, example=None) -> dict:
    parameter = {"name": name, "in": "query", "required": False, "description": description, "schema": schema}
    if example is not None:
        parameter["example"] = example
    return parameter


_FACET = {"type": "array", "items": {"type": "string"}}
SEARCH_PARAMETERS = [
    _query("q", "Les mots cherchés (500 caractères au plus) ; vide : tous les retours.",
           {"type": "string", "maxLength": 500}, "maison de santé"),
    {**_query("theme", "Identifiant de thématique ; répétable (OU).", _FACET), "explode": True},
    {**_query("region", "Code Insee de région ; répétable (OU).", _FACET), "explode": True},
    {**_query("department", "Code de département ; répétable (OU).", _FACET), "explode": True},
    {**_query("stage", "Stade d'avancement ; répétable (OU).",
              {"type": "array", "items": {"type": "string", "enum": STAGE_VALUES}}), "explode": True},
    {**_query("year", "Année de début ; répétable (OU).",
              {"type": "array", "items": {"type": "integer", "minimum": 1900, "maximum": 2199}}),
     "explode": True},
    _query("sort", "Ordre des résultats.", {"type": "string", "enum": ["relevance", "date"],
                                            "default": "relevance"}),
    _query("page", "Numéro de page.",
           {"type": "integer", "minimum": 1, "maximum": SEARCH_MAX_PAGE, "default": 1}),
    _query("per_page", "Résultats par page.",
           {"type": "integer", "minimum": 1, "maximum": SEARCH_MAX_PER_PAGE,
            "default": SEARCH_DEFAULT_PER_PAGE}),
]

PATHS = {
    "/api/v1/themes": {
        "get": {
            "operationId": "listThemes",
            "summary": "Les thématiques",
            "description": "Toutes les thématiques, archivées comprises, avec le nombre de retours "
                           "publiés que l'appelant peut voir.",
            "tags": ["Thématiques"],
            "responses": {
                "200": _json(_ref("ThemeList"), "Les thématiques dans leur ordre d'affichage."),
                "429": _error("TooManyRequests"),
            },
        }
    },
    "/api/v1/writeups": {
        "get": {
            "operationId": "listWriteups",
            "summary": "Les retours d'expérience publiés",
            "description": "Du plus récent au plus ancien. Anonyme : les retours publics ; membre connecté "
                           "(cookie de session) : aussi les retours réservés aux membres.",
            "tags": ["Retours d'expérience"],
            "parameters": [
                _query("theme", "Identifiant d'une thématique (voir /api/v1/themes).", {"type": "string"},
                       "mobilite"),
                _query("region", "Code Insee de la région.", {"type": "string"}, "44"),
                _query("department", "Code du département (dans la région, si elle est donnée).",
                       {"type": "string"}, "55"),
                _query("stage", "Stade d'avancement.", {"type": "string", "enum": STAGE_VALUES}),
                _query("sort", "Ordre : `date`, du plus récent au plus ancien (par défaut), ou `useful`, "
                               "les plus souvent jugés « utiles » d'abord.",
                       {"type": "string", "enum": ["date", "useful"], "default": "date"}),
                _query("page", "Numéro de page (au-delà de la dernière : liste vide).",
                       {"type": "integer", "minimum": 1, "default": 1}),
                _query("per_page", "Retours par page.",
                       {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE,
                        "default": DEFAULT_PER_PAGE}),
            ],
            "responses": {
                "200": _json(_ref("WriteupPage"), "Une page de retours."),
                "400": _error("BadRequest"),
                "429": _error("TooManyRequests"),
            },
        }
    },
    "/api/v1/writeups/{id}": {
        "get": {
            "operationId": "getWriteup",
            "summary": "Un retour d'expérience",
            "tags": ["Retours d'expérience"],
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
            ],
            "responses": {
                "200": _json(_ref("Writeup"), "Le retour, ses sections en Markdown et en HTML assaini."),
                "404": _error("NotFound"),
                "429": _error("TooManyRequests"),
            },
        }
    },
    "/api/v1/communes": {
        "get": {
            "operationId": "searchCommunes",
            "summary": "Autocomplétion des communes",
            "description": "Au plus 10 communes dont le nom commence par `q` (sans tenir compte des accents) "
                           "ou dont un code postal commence par `q`, les plus peuplées d'abord.",
            "tags": ["Communes"],
            "parameters": [
                {"name": "q", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 100},
                 "description": "Début du nom (au moins une lettre) ou du code postal.", "example": "comm"},
            ],
            "responses": {
                "200": _json(_ref("CommuneList"), "Les communes correspondantes."),
                "400": _error("BadRequest"),
                "429": _error("TooManyRequests"),
            },
        }
    },
    "/api/v1/search": {
        "get": {
            "operationId": "search",
            "summary": "Recherche plein texte",
            "description": "Dans les retours publiés visibles par l'appelant, avec le décompte de chaque "
                           "facette et des extraits surlignés. Les facettes se combinent en ET, plusieurs "
                           "valeurs d'une même facette en OU.",
            "tags": ["Recherche"],
            "parameters": SEARCH_PARAMETERS,
            "responses": {
                "200": _json(_ref("SearchPage"), "Une page de résultats."),
                "400": _error("BadRequest"),
                "429": _error("TooManyRequests"),
                "503": _error("Unavailable"),
            },
        }
    },
    "/api/v1/search/suggest": {
        "get": {
            "operationId": "suggestTitles",
            "summary": "Complétion des titres",
            "description": "Les titres de retours visibles par l'appelant qui complètent la saisie.",
            "tags": ["Recherche"],
            "parameters": [
                _query("q", "Le début de saisie (100 caractères au plus).",
                       {"type": "string", "maxLength": 100}, "maison de"),
            ],
            "responses": {
                "200": _json(_ref("Suggestions"), "Les titres proposés."),
                "400": _error("BadRequest"),
                "429": _error("TooManyRequests"),
                "503": _error("Unavailable"),
            },
        }
    },
    "/api/v1/members/suggest": {
        "get": {
            "operationId": "suggestMembers",
            "summary": "Membres à mentionner",
            "description": "Pour les membres connectés (cookie de session) : au plus 8 membres actifs dont "
                           "le prénom ou le nom commence par `q` (sans tenir compte des accents), pour "
                           "les mentions « @Prénom Nom » des commentaires.",
            "tags": ["Discussions"],
            "parameters": [
                _query("q", "Le début du prénom ou du nom (100 caractères au plus).",
                       {"type": "string", "maxLength": 100}, "clai"),
            ],
            "responses": {
                "200": _json({
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["query", "results"],
                    "properties": {
                        "query": {"type": "string"},
                        "results": {"type": "array", "maxItems": 8, "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["id", "name", "detail", "url"],
                            "properties": {
                                "id": {"type": "integer"},
                                "name": {"type": "string", "description": "Prénom Nom"},
                                "detail": {"type": "string", "description": "Fonction · commune"},
                                "url": {"type": "string", "description": "Le profil du membre."},
                            },
                        }},
                    },
                }, "Les membres proposés."),
                "400": _error("BadRequest"),
                "401": _json(_ref("Error"), "Connexion requise."),
                "429": _error("TooManyRequests"),
            },
        }
    },
    "/api/v1/openapi.json": {
        "get": {
            "operationId": "getOpenApi",
            "summary": "Cette description OpenAPI",
            "tags": ["Documentation"],
            "responses": {"200": _json({"type": "object"}, "Le document OpenAPI 3.1.")},
        }
    },
}

DOCUMENT = {
    "openapi": "3.1.0",
    "info": {
        "title": "Réseau PVD — API des retours d'expérience",
        "version": "1.0.0",
        "summary": "Lecture seule : thématiques, retours d'expérience publiés, recherche, communes.",
        "description": "Les retours publics sont accessibles à tous ; les retours réservés aux membres "
                       "ne sont renvoyés qu'aux membres connectés (cookie de session du site). "
                       "Les erreurs sont du JSON : `{\"error\": {\"code\", \"title\", \"message\"}}`.",
        "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
    },
    "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
    "paths": PATHS,
    "components": {"schemas": SCHEMAS, "responses": RESPONSES},
}


_RULE_PARAMETER = re.compile(r"<(?:[^:>]+:)?([^>]+)>")


def openapi_path(rule: str) -> str:
    """Werkzeug's ``/api/v1/writeups/<int(max=…):writeup_id>`` as ``/api/v1/writeups/{id}``."""
    def name(match: re.Match) -> str:
        return "{id}" if match.group(1).endswith("_id") else "{" + match.group(1) + "}"

    return _RULE_PARAMETER.sub(name, rule)


def document() -> dict:
    """The document, with this site as its server, describing the routes this build registers
    (a feature that is not installed, such as search, leaves no dangling path)."""
    result = copy.deepcopy(DOCUMENT)
    registered = {openapi_path(rule.rule) for rule in current_app.url_map.iter_rules()}
    result["paths"] = {path: item for path, item in result["paths"].items() if path in registered}
    result["servers"] = [{"url": url_for("main.index", _external=True).rstrip("/")}]
    return result
