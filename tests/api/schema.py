"""A small JSON Schema checker for the subset our OpenAPI document uses.

Neither ``jsonschema`` nor ``openapi-spec-validator`` is installed; this covers $ref,
type (one or several), properties, required, additionalProperties, items, enum,
minimum/maximum, minItems/maxItems, pattern, and the date-time and uri formats.
"""
from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}
KNOWN_KEYWORDS = {
    "$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "minimum",
    "maximum", "minItems", "maxItems", "pattern", "format", "description", "examples", "default",
    "maxLength",
}


def resolve(document: dict, ref: str) -> dict:
    assert ref.startswith("#/"), ref
    node = document
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def _is(value, type_name: str) -> bool:
    if type_name in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, TYPES[type_name])


def validate(value, schema: dict, document: dict, path: str = "$") -> list[str]:
    """Every way ``value`` breaks ``schema`` (an empty list when it fits)."""
    unknown = set(schema) - KNOWN_KEYWORDS
    assert not unknown, f"{path}: keywords this checker does not know: {unknown}"
    if "$ref" in schema:
        return validate(value, resolve(document, schema["$ref"]), document, path)
    errors = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is(value, t) for t in types):
            return [f"{path}: {value!r} is not of type {types}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{path}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{path}: {value} > {schema['maximum']}")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            errors.append(f"{path}: longer than {schema['maxLength']}")
        if schema.get("format") == "date-time":
            try:
                datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                errors.append(f"{path}: {value!r} is not a date-time")
        if schema.get("format") == "uri" and not (urlsplit(value).scheme and urlsplit(value).netloc):
            errors.append(f"{path}: {value!r} is not an absolute URI")
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            errors.append(f"{path}: fewer than {schema['minItems']} items")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errors.append(f"{path}: more than {schema['maxItems']} items")
        if "items" in schema:
            for index, item in enumerate(value):
                errors += validate(item, schema["items"], document, f"{path}[{index}]")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{path}: missing {name!r}")
        for name, item in value.items():
            if name in properties:
                errors += validate(item, properties[name], document, f"{path}.{name}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unexpected property {name!r}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += validate(item, schema["additionalProperties"], document, f"{path}.{name}")
    return errors


def response_schema(document: dict, path: str, status: int) -> dict:
    """The JSON schema of the ``status`` response of ``GET path`` in ``document``."""
    response = document["paths"][path]["get"]["responses"][str(status)]
    if "$ref" in response:
        response = resolve(document, response["$ref"])
    return response["content"]["application/json"]["schema"]


def assert_valid(document: dict, path: str, status: int, body) -> None:
    errors = validate(body, response_schema(document, path, status), document)
    assert not errors, "\n".join(errors)
