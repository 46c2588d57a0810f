"""Components of the OpenAPI document: response bodies as JSON Schema 2020-12 (OpenAPI 3.1's
dialect), and the shared error responses."""
from __future__ import annotations

from pvd_network.api.params import MAX_PER_PAGE
from pvd_network.writeups.models import SECTIONS, STAGES

STAGE_VALUES = list(STAGES)
SECTION_NAMES = [field for field, _title in SECTIONS]
# The search API's own bounds (search/params.py), repeated: the API package does not import search.
SEARCH_MAX_PER_PAGE, SEARCH_DEFAULT_PER_PAGE, SEARCH_MAX_PAGE = 100, 20, 10_000
NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_INTEGER = {"type": ["integer", "null"]}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def json_body(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "integer", "description": "Le code HTTP."},
                    "title": {"type": "string"},
                    "message": {"type": "string"},
                    "parameters": {
                        "type": "object",
                        "description": "Pour une erreur 400 : chaque paramètre refusé et pourquoi.",
                        "additionalProperties": {"type": "string"},
                    },
                },
            }
        },
    },
    "Theme": {
        "type": "object",
        "additionalProperties": False,
        "required": ["slug", "name", "description", "pictogram", "archived", "writeups"],
        "properties": {
            "slug": {"type": "string", "description": "Identifiant stable (filtre `theme`).",
                     "examples": ["acces-aux-soins"]},
            "name": {"type": "string"},
            "description": {"type": "string"},
            "pictogram": {"type": "string", "description": "Pictogramme du DSFR, « dossier/nom »."},
            "archived": {"type": "boolean", "description": "Une thématique archivée n'est plus proposée."},
            "writeups": {"type": "integer", "minimum": 0,
                         "description": "Retours publiés visibles par l'appelant."},
        },
    },
    "Territory": {
        "type": "object",
        "additionalProperties": False,
        "required": ["code", "name"],
        "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
    },
    "Commune": {
        "type": "object",
        "additionalProperties": False,
        "required": ["insee", "name", "department", "region", "population", "postal_codes"],
        "properties": {
            "insee": {"type": "string", "pattern": "^[0-9AB]{5}$", "examples": ["55122"]},
            "name": {"type": "string"},
            "department": ref("Territory"),
            "region": ref("Territory"),
            "population": NULLABLE_INTEGER,
            "postal_codes": {"type": "array", "items": {"type": "string"}},
        },
    },
    "CommuneBrief": {
        "type": "object",
        "additionalProperties": False,
        "required": ["insee", "name", "department", "region"],
        "properties": {
            "insee": {"type": "string"},
            "name": {"type": "string"},
            "department": ref("Territory"),
            "region": ref("Territory"),
        },
    },
    "SearchHit": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "url", "summary", "score", "highlights", "themes", "commune",
                     "published_at"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
            "summary": {"type": "string"},
            "score": {"type": ["number", "null"],
                      "description": "Pertinence (absente pour un tri par date)."},
            "highlights": {"type": "string",
                           "description": "Extrait en HTML assaini, les mots trouvés entre <mark>."},
            "themes": {"type": "array", "items": {"type": "string"}},
            "commune": ref("CommuneBrief"),
            "published_at": {"type": "string", "format": "date-time"},
            "comment": {
                "type": ["object", "null"],
                "description": "Le commentaire de la discussion qui correspond le mieux à la recherche.",
                "additionalProperties": False,
                "required": ["id", "url", "author", "highlights"],
                "properties": {
                    "id": {"type": "integer"},
                    "url": {"type": "string", "format": "uri"},
                    "author": {"type": ["string", "null"]},
                    "highlights": {"type": "string",
                                   "description": "Extrait en HTML assaini, les mots trouvés entre <mark>."},
                },
            },
        },
    },
    "SearchPage": {
        "type": "object",
        "additionalProperties": False,
        "required": ["query", "total", "page", "per_page", "results", "facets", "suggestion"],
        "properties": {
            "query": {"type": "string"},
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": SEARCH_MAX_PER_PAGE},
            "results": {"type": "array", "items": ref("SearchHit")},
            "facets": {
                "type": "object",
                "description": "Pour chaque facette (theme, region, department, stage, year) : "
                               "valeur -> nombre de résultats.",
                "additionalProperties": {"type": "object", "additionalProperties": {"type": "integer"}},
            },
            "suggestion": {"type": ["string", "null"], "description": "« Vouliez-vous dire… »"},
            "corrected_from": {
                "type": ["string", "null"],
                "description": "La recherche saisie, quand elle ne trouvait rien et que les résultats "
                               "sont ceux de la recherche corrigée (query).",
            },
        },
    },
    "Suggestions": {
        "type": "object",
        "additionalProperties": False,
        "required": ["query", "results"],
        "properties": {
            "query": {"type": "string"},
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "title", "url"],
                    "properties": {"id": {"type": "integer"}, "title": {"type": "string"},
                                   "url": {"type": "string", "format": "uri"}},
                },
            },
        },
    },
    "WriteupSummary": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "url", "title", "summary", "commune", "themes", "stage", "year", "visibility",
                     "author", "published_at", "updated_at"],
        "properties": {
            "id": {"type": "integer"},
            "url": {"type": "string", "format": "uri", "description": "Page du retour (adresse absolue)."},
            "title": {"type": "string"},
            "summary": {"type": "string"},
            "commune": ref("Commune"),
            "themes": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3},
            "stage": {"type": ["string", "null"], "enum": [*STAGE_VALUES, None]},
            "year": NULLABLE_INTEGER,
            "visibility": {"type": "string", "enum": ["public", "members"]},
            "author": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name"],
                "properties": {"name": {"type": "string"}},
            },
            "published_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
        },
    },
    "Writeup": {
        "description": "Les champs du format d'import (sauf l'adresse de l'auteur), plus l'identifiant, "
                       "l'adresse de la page, la commune détaillée et le HTML assaini de chaque section.",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "url", "title", "summary", "commune", "commune_insee", "themes", "stage", "year",
                     "visibility", "author", "published_at", "updated_at", "budget_eur", "funders",
                     "partners", "external_id", "context", "actions", "results", "lessons", "html"],
        "properties": {
            "commune_insee": {"type": "string"},
            "budget_eur": NULLABLE_INTEGER,
            "funders": {"type": "array", "items": {"type": "string"}},
            "partners": {"type": "array", "items": {"type": "string"}},
            "external_id": NULLABLE_STRING,
            "context": {"type": "string", "description": "Markdown."},
            "actions": {"type": "string", "description": "Markdown."},
            "results": {"type": "string", "description": "Markdown."},
            "lessons": {"type": "string", "description": "Markdown."},
            "html": {
                "type": "object",
                "description": "Le HTML assaini de chaque section, tel que les pages l'affichent.",
                "additionalProperties": False,
                "required": SECTION_NAMES,
                "properties": {name: {"type": "string"} for name in SECTION_NAMES},
            },
        },
    },
    "WriteupPage": {
        "type": "object",
        "additionalProperties": False,
        "required": ["total", "page", "per_page", "results"],
        "properties": {
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
            "results": {"type": "array", "items": ref("WriteupSummary")},
        },
    },
    "ThemeList": {
        "type": "object",
        "additionalProperties": False,
        "required": ["results"],
        "properties": {"results": {"type": "array", "items": ref("Theme")}},
    },
    "CommuneList": {
        "type": "object",
        "additionalProperties": False,
        "required": ["results"],
        "properties": {"results": {"type": "array", "items": ref("Commune"), "maxItems": 10}},
    },
}
# The detail repeats the summary's properties: build it rather than copy them by hand.
SCHEMAS["Writeup"]["properties"] = {
    **SCHEMAS["WriteupSummary"]["properties"], **SCHEMAS["Writeup"]["properties"]
}

RESPONSES = {
    "BadRequest": json_body(ref("Error"), "Paramètre invalide : `error.parameters` dit lequel et pourquoi."),
    "NotFound": json_body(ref("Error"), "Introuvable, non publié, ou réservé aux membres connectés."),
    "TooManyRequests": json_body(ref("Error"), "Trop de requêtes : réessayez dans une minute."),
    "Unavailable": json_body(ref("Error"), "L'index de recherche est momentanément indisponible."),
}
