"""French territorial vocabulary: synonym and acronym groups applied at query time.

A group lists expressions that mean the same thing to a chef de projet ("ORT", "opération
de revitalisation de territoire"). When a query contains one of them, the matching part of
the query is ORed with the other members of its group — single words as terms, several
words as phrases, all through the French analyzer of the index — so an acronym finds the
write-ups that only spell it out, and the other way round. Expansion happens on the parsed
query, never on documents: editing the dictionary needs no reindexing.

The groups live in ``search_synonyms`` (:class:`~pvd_network.search.models.Synonym`), edited by
admins on ``/admin/vocabulaire``. ``INITIAL_SYNONYMS`` is what a new database starts with
(the migration inserts it; ``flask search synonyms seed`` and the admin page add missing
groups). While the table is empty, queries use ``INITIAL_SYNONYMS`` directly, so search never
writes to the database. Each process keeps the compiled dictionary and checks the table's
version (row count, last id, last update) at most every ``SEARCH_SYNONYMS_TTL`` seconds;
an admin's change is seen at once in the process that made it, within the TTL elsewhere.
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass, field
from itertools import chain

from flask import current_app
from sqlalchemy import func, select
from whoosh.query import And, Or, Phrase, Query, Term

from pvd_network.extensions import db
from pvd_network.search.analysis import french_analyzer
from pvd_network.search.models import Synonym

DEFAULT_TTL_SECONDS = 5.0
_serials = itertools.count(1)

# (expressions, note). The first expression names the group in the admin list.
INITIAL_SYNONYMS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("ORT", "opération de revitalisation de territoire"),
        "Convention qui donne à la commune et à son intercommunalité des outils pour revitaliser le centre.",
    ),
    (
        ("CRTE", "contrat de relance et de transition écologique"),
        "Contrat signé entre l'État et le territoire pour financer ses projets de relance et de transition.",
    ),
    (
        (
            "EPCI",
            "intercommunalité",
            "interco",
            "communauté de communes",
            "établissement public de coopération intercommunale",
        ),
        "Le regroupement de communes qui porte souvent le projet avec la ville.",
    ),
    (("ACV", "Action cœur de ville"), "Le programme national qui précède PVD, pour les villes moyennes."),
    (("PVD", "Petites villes de demain"), "Le programme lui-même."),
    (
        ("OPAH", "opération programmée d'amélioration de l'habitat"),
        "Aides à la rénovation des logements privés sur un périmètre et une durée donnés.",
    ),
    (
        (
            "OPAH-RU",
            "OPAH de renouvellement urbain",
            "opération programmée d'amélioration de l'habitat et de renouvellement urbain",
        ),
        "La variante de l'OPAH pour les centres anciens dégradés.",
    ),
    (
        (
            "France services",
            "maison France services",
            "espace France services",
            "MSAP",
            "maison de services au public",
        ),
        "Le guichet unique des démarches administratives ; les MSAP en sont l'ancien nom.",
    ),
    (
        ("tiers-lieu", "tiers lieu", "espace de coworking", "coworking"),
        "Lieu partagé de travail, de fabrication ou de rencontre.",
    ),
    (
        (
            "MSP",
            "maison de santé pluriprofessionnelle",
            "maison de santé pluridisciplinaire",
            "maison de santé",
        ),
        "Regroupement de médecins et de soignants dans un même lieu.",
    ),
    (
        ("DSIL", "dotation de soutien à l'investissement local"),
        "Subvention de l'État aux investissements des collectivités.",
    ),
    (
        ("DETR", "dotation d'équipement des territoires ruraux"),
        "Subvention de l'État aux équipements des communes rurales.",
    ),
    (
        ("FNADT", "fonds national d'aménagement et de développement du territoire"),
        "Fonds de l'État qui finance notamment l'ingénierie des chefs de projet.",
    ),
    (
        ("ANCT", "Agence nationale de la cohésion des territoires"),
        "L'agence qui pilote le programme au niveau national.",
    ),
    (("Anah", "Agence nationale de l'habitat"), "L'agence qui finance la rénovation de l'habitat privé."),
    (
        ("PLUi", "plan local d'urbanisme intercommunal"),
        "Le document d'urbanisme à l'échelle de l'intercommunalité.",
    ),
    (("PLU", "plan local d'urbanisme"), "Le document d'urbanisme d'une commune."),
    (
        ("SCoT", "schéma de cohérence territoriale"),
        "Le document de planification à l'échelle d'un bassin de vie.",
    ),
    (
        ("ZAN", "zéro artificialisation nette"),
        "L'objectif de ne plus consommer d'espaces naturels sans compensation.",
    ),
    (
        ("QPV", "quartier prioritaire de la politique de la ville", "quartier prioritaire"),
        "Quartier aidé par la politique de la ville.",
    ),
    (
        ("ABF", "architecte des bâtiments de France"),
        "L'architecte de l'État qui rend un avis sur les abords des monuments.",
    ),
    (("SPR", "site patrimonial remarquable"), "Périmètre protégé pour son intérêt patrimonial."),
    (("FEDER", "fonds européen de développement régional"), "Fonds européen géré par les régions."),
    (
        ("fonds vert", "fonds d'accélération de la transition écologique dans les territoires"),
        "Fonds de l'État pour la transition écologique des collectivités.",
    ),
    (("AMI", "appel à manifestation d'intérêt"), "Procédure pour repérer des porteurs de projet."),
    (
        ("vacance commerciale", "commerce vacant", "local vacant", "cellule commerciale vide"),
        "Les boutiques fermées du centre-ville.",
    ),
    (
        ("mobilités douces", "mobilités actives", "modes doux"),
        "Marche, vélo et autres déplacements sans moteur.",
    ),
)


# --- Compiling groups ------------------------------------------------------------------------


@dataclass(frozen=True)
class Expression:
    text: str
    stems: tuple[str, ...]  # what the French analyzer makes of it
    slop: int  # largest gap between two of its analysed words (1: adjacent)


def analyse_expression(text: str) -> Expression | None:
    """The analysed form of an expression; None when only stop words remain."""
    stems: list[str] = []
    positions: list[int] = []
    for token in french_analyzer()(text, positions=True):
        stems.append(token.text)
        positions.append(token.pos)
    if not stems:
        return None
    slop = max([b - a for a, b in zip(positions, positions[1:], strict=False)] or [1])
    return Expression(text=text, stems=tuple(stems), slop=max(1, slop))


@dataclass
class Dictionary:
    """Groups of expressions, and an index from analysed form to group."""

    groups: list[list[Expression]] = field(default_factory=list)
    by_stems: dict[tuple[str, ...], int] = field(default_factory=dict)
    longest: int = 0  # most analysed words in one expression
    serial: int = field(default_factory=lambda: next(_serials))  # tells compiled versions apart

    @classmethod
    def compile(cls, groups: list[list[str]]) -> Dictionary:
        dictionary = cls()
        for texts in groups:
            expressions: dict[tuple[str, ...], Expression] = {}
            for text in texts:
                expression = analyse_expression(text)
                if expression is not None and expression.stems not in dictionary.by_stems:
                    expressions.setdefault(expression.stems, expression)
            if len(expressions) < 2:
                continue  # nothing to expand to
            number = len(dictionary.groups)
            dictionary.groups.append(list(expressions.values()))
            for stems in expressions:
                dictionary.by_stems[stems] = number
                dictionary.longest = max(dictionary.longest, len(stems))
        return dictionary

    def alternatives(self, stems: tuple[str, ...]) -> list[Expression]:
        """The other expressions of the group ``stems`` belongs to."""
        number = self.by_stems.get(stems)
        if number is None:
            return []
        return [expression for expression in self.groups[number] if expression.stems != stems]

    def knows(self, stem: str) -> bool:
        """True when ``stem`` is a whole expression of some group (never "corrected" as a typo)."""
        return (stem,) in self.by_stems


# --- The per-process dictionary ---------------------------------------------------------------

_lock = threading.Lock()


def _state() -> dict:
    return current_app.extensions.setdefault("pvd_vocabulary", {})


def _version() -> tuple:
    return tuple(
        db.session.execute(
            select(func.count(Synonym.id), func.max(Synonym.id), func.max(Synonym.updated_at))
        ).one()
    )


def current_dictionary() -> Dictionary:
    """The compiled dictionary, re-read when the table changed (checked at most every TTL seconds)."""
    state = _state()
    ttl = float(current_app.config.get("SEARCH_SYNONYMS_TTL", DEFAULT_TTL_SECONDS))
    now = time.monotonic()
    dictionary = state.get("dictionary")
    if dictionary is not None and now - state.get("checked_at", float("-inf")) < ttl:
        return dictionary
    version = _version()
    if dictionary is None or version != state.get("version"):
        groups = [row.term_list for row in db.session.scalars(select(Synonym).order_by(Synonym.id))]
        dictionary = Dictionary.compile(groups or [list(terms) for terms, _note in INITIAL_SYNONYMS])
    with _lock:
        state.update(dictionary=dictionary, version=version, checked_at=now)
    return dictionary


def concept_expressions(dictionary: Dictionary | None = None) -> list[tuple[str, ...]]:
    """The analysed expressions of several words, which a rebuilt index marks (documents.py)."""
    dictionary = dictionary if dictionary is not None else current_dictionary()
    return sorted(stems for stems in dictionary.by_stems if len(stems) > 1)


def invalidate() -> None:
    """Forget the compiled dictionary of this process (after an admin's change)."""
    with _lock:
        _state().clear()


# --- Expanding a parsed query -------------------------------------------------------------------


def _signature(node: Query, fields: tuple[str, ...]) -> tuple[str, ...] | None:
    """The analysed words of a node the parser made of one word or one quoted phrase over
    ``fields`` (``Or([Term(f, w) for f])``, ``Or([And([Term(f, w1), Term(f, w2)]) for f])`` for
    "tiers-lieu", ``Or([Phrase(f, words) for f])``); None for anything else."""
    if isinstance(node, Term):
        return (node.text,) if node.fieldname in fields and isinstance(node.text, str) else None
    if isinstance(node, Phrase):
        return tuple(node.words) if node.fieldname in fields else None
    if isinstance(node, And) and node.subqueries and all(isinstance(q, Term) for q in node.subqueries):
        if len({q.fieldname for q in node.subqueries}) == 1 and node.subqueries[0].fieldname in fields:
            return tuple(q.text for q in node.subqueries)
        return None
    if type(node) is Or and node.subqueries:
        signatures = {_signature(q, fields) for q in node.subqueries}
        if len(signatures) == 1:
            return signatures.pop()
    return None


def _regroup(children: list[Query], fields: tuple[str, ...]) -> list[Query]:
    """The parser flattens "santé OR MSP" into one Or of the terms of both words over every
    field: give each word its own Or again (same meaning) so each can be expanded."""
    words: dict[str, list[Query]] = {}
    out: list[Query] = []
    for child in children:
        if isinstance(child, Term) and child.fieldname in fields and isinstance(child.text, str):
            if child.text not in words:
                words[child.text] = []
                out.append(Or(words[child.text]))  # filled in below, kept in first-seen order
            words[child.text].append(child)
        else:
            out.append(child)
    if len(words) <= 1:
        return list(children)
    return out


def _alternative_query(expression: Expression, fields: tuple[str, ...]) -> Query:
    if len(expression.stems) == 1:
        return Or([Term(name, expression.stems[0]) for name in fields])
    return Or([Phrase(name, list(expression.stems), slop=expression.slop) for name in fields])


def expand(
    query: Query | None,
    fields: tuple[str, ...],
    dictionary: Dictionary | None = None,
    alternative_fields: tuple[str, ...] | None = None,
) -> Query | None:
    """``query`` with each expression of the dictionary ORed with the rest of its group.
    ``fields``: those the parser searched; ``alternative_fields``: those the other expressions
    are searched in (default: the same; fewer fields, fewer matchers to run)."""
    alternative_fields = alternative_fields or fields
    if query is None:
        return None
    dictionary = dictionary if dictionary is not None else current_dictionary()
    if not dictionary.by_stems:
        return query

    def rewrite(node: Query) -> Query:
        if isinstance(node, Term | Phrase):
            return node  # one field of a word: its Or over the fields is the unit
        if _signature(node, fields) is not None:
            return sequence([node])[0]
        if type(node) is And:
            return And(sequence(list(node.subqueries)), boost=node.boost)
        if type(node) is Or:
            return Or([rewrite(child) for child in _regroup(node.subqueries, fields)], boost=node.boost)
        return node.apply(rewrite)

    def sequence(children: list[Query]) -> list[Query]:
        """Replace runs of consecutive words that spell an expression (longest run first)."""
        signatures = [_signature(child, fields) for child in children]
        out: list[Query] = []
        i = 0
        while i < len(children):
            for j in range(min(len(children), i + dictionary.longest), i, -1):
                if any(s is None for s in signatures[i:j]):
                    continue
                stems = tuple(chain.from_iterable(signatures[i:j]))
                alternatives = dictionary.alternatives(stems)
                if alternatives:
                    expanded.append(stems)
                    original = children[i] if j == i + 1 else And(children[i:j])
                    out.append(
                        Or([original, *(_alternative_query(e, alternative_fields) for e in alternatives)])
                    )
                    i = j
                    break
            else:
                out.append(children[i] if signatures[i] is not None else rewrite(children[i]))
                i += 1
        return out

    expanded: list[tuple[str, ...]] = []
    rewritten = rewrite(query)
    return rewritten if expanded else query  # untouched queries keep their exact shape


# --- The table ---------------------------------------------------------------------------------


def seed_synonyms() -> int:
    """Insert the groups of ``INITIAL_SYNONYMS`` none of whose expressions is in the table yet
    (idempotent; flushes, never commits). Returns the number of groups added."""
    known = {
        expression.stems
        for row in db.session.scalars(select(Synonym))
        for expression in map(analyse_expression, row.term_list)
        if expression is not None
    }
    added = 0
    for terms, note in INITIAL_SYNONYMS:
        analysed = {e.stems for e in map(analyse_expression, terms) if e is not None}
        if analysed & known:
            continue
        db.session.add(Synonym(terms="\n".join(terms), note=note))
        known |= analysed
        added += 1
    db.session.flush()
    if added:
        invalidate()
    return added
