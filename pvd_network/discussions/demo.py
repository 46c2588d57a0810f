"""Demonstration discussions for `flask demo seed`: questions between chefs de projet under the
demo write-ups, the authors' answers, a few mentions and "utile" (after the write-ups step)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from pvd_network.auth.services import find_by_email
from pvd_network.core.database import as_utc
from pvd_network.discussions import services
from pvd_network.discussions.models import Comment
from pvd_network.extensions import db
from pvd_network.writeups.models import Writeup

CLAIRE = "claire.martin@commercy.example.fr"
THOMAS = "thomas.lefevre@issoire.example.fr"
NADIA = "nadia.benali@tulle.example.fr"
JULIEN = "julien.moreau@lons.example.fr"
SOPHIE = "sophie.garnier@mende.example.fr"
ELODIE = "elodie.roux@banque-territoires.example.fr"
KARIM = "karim.haddad@durance.example.fr"
LAURE = "laure.petit@commer.example.fr"
CAMILLE = "camille.girard@basse-terre.example.fr"
MARC = "marc.dubois@bar-le-duc.example.fr"
ANNE = "anne.lambert@anct.example.fr"

# Write-up (demo external id) -> its thread, in order. Each comment: (key, author, days after the
# write-up's publication, text, key of the comment answered or None, members who found it useful).
# Answering a reply quotes it (threads are one level deep).
THREADS: dict[str, dict] = {
    "demo:1": {
        "useful": (THOMAS, NADIA, ELODIE, KARIM),
        "comments": [
            ("q1", THOMAS, 3, "Comment avez-vous financé le rachat de la gendarmerie ? Nous avons un projet "
             "proche à Issoire et la DETR seule ne suffira pas.", None, (NADIA,)),
            ("a1", CLAIRE, 4, "Le rachat à l'État a été couvert par la **DETR (40 %)** et la Région "
             "Grand Est sur son volet santé (25 %) ; un prêt de la Banque des territoires a financé "
             "le reste.\n\n"
             "Ce qui a convaincu les financeurs, c'est le projet de santé écrit avec l'ARS avant "
             "l'achat.", "q1", (THOMAS, NADIA, KARIM)),
            ("a2", ELODIE, 5, "Je confirme, @Thomas Lefèvre : un prêt long terme peut compléter. Contactez "
             "votre direction régionale, je peux vous mettre en relation.", "q1", (THOMAS,)),
            ("a3", THOMAS, 6, "Merci à vous deux, je vous écris cette semaine.", "a2", ()),
            ("q2", NADIA, 12, "Les médecins sont-ils salariés d'un centre de santé ou libéraux ? C'est le "
             "débat que nous avons à Tulle.", None, ()),
            ("a4", CLAIRE, 13, "Libéraux, regroupés en SISA. La commune est propriétaire et loue à prix "
             "modéré les trois premières années.", "q2", (NADIA,)),
        ],
    },
    "demo:2": {
        "useful": (JULIEN, LAURE),
        "comments": [
            ("q1", JULIEN, 2, "Quel loyer demandez-vous pendant l'essai ? À Lons-le-Saunier nous hésitons "
             "entre la gratuité et un loyer progressif.", None, ()),
            ("a1", CLAIRE, 3, "Loyer progressif : 50 % la première année, 75 % la deuxième. D'après la CCI, "
             "la gratuité attire des projets moins solides.", "q1", (JULIEN, LAURE)),
            ("q2", LAURE, 9, "Pensez-vous que le dispositif peut fonctionner dans une commune de 800 "
             "habitants ?", None, ()),
            ("a2", MARC, 10, "@Laure Petit, à cette échelle un commerce multiservice porté par la commune "
             "est souvent plus adapté qu'une boutique à l'essai.", "q2", (LAURE,)),
        ],
    },
    "demo:5": {
        "useful": (KARIM, SOPHIE),
        "comments": [
            ("q1", KARIM, 5, "Comment gérez-vous l'entretien des vélos : en régie ou par un prestataire ?",
             None, ()),
            ("a1", THOMAS, 6, "Par un vélociste local, avec un marché de trois ans. L'entretien représente "
             "environ un tiers du coût de fonctionnement.", "q1", (KARIM,)),
            ("q2", SOPHIE, 20, "Combien de vélos pour quelle population ?", None, ()),
            ("a2", THOMAS, 21, "60 vélos pour 15 000 habitants ; il y avait une liste d'attente dès le "
             "deuxième mois.", "q2", (SOPHIE, KARIM)),
        ],
    },
    "demo:9": {
        "useful": (CLAIRE, ELODIE, SOPHIE),
        "comments": [
            ("q1", CLAIRE, 4, "Comment avez-vous financé la foncière ? Qui en sont les actionnaires ?",
             None, ()),
            ("a1", JULIEN, 5, "Une SEM dont la ville détient 51 %, avec la Banque des territoires et deux "
             "banques locales. @Élodie Roux pourra compléter sur le montage.", "q1", (CLAIRE,)),
            ("a2", ELODIE, 6, "La Banque des territoires entre en général au capital des foncières de "
             "redynamisation entre 30 et 40 %, avec un plan d'affaires sur quinze ans.", "a1",
             (CLAIRE, JULIEN)),
        ],
    },
    "demo:11": {
        "useful": (CAMILLE,),
        "comments": [
            ("q1", CAMILLE, 7, "Quel taux de subvention proposez-vous aux propriétaires ?", None, ()),
            ("a1", SOPHIE, 8, "30 % plafonnés à 6 000 € par façade, 50 % dans le secteur patrimonial "
             "remarquable.", "q1", (CAMILLE,)),
        ],
    },
    "demo:16": {
        "useful": (NADIA, THOMAS),
        "comments": [
            ("q1", NADIA, 3, "Quel est le coût par trajet pour la collectivité ?", None, ()),
            ("a1", KARIM, 4, "Environ 18 € la première année, 12 € aujourd'hui grâce au regroupement des "
             "réservations.", "q1", (NADIA, THOMAS)),
            ("a2", THOMAS, 6, "C'est proche de nos chiffres sur la ligne virtuelle d'Issoire.", "a1", ()),
        ],
    },
    "demo:13": {
        "useful": (LAURE,),
        "comments": [
            ("q1", LAURE, 10, "Comment avez-vous choisi les haltes du bus ?", None, ()),
            ("a1", ELODIE, 11, "Avec les maires : selon la distance à la maison France services la plus "
             "proche et les jours de marché.", "q1", (LAURE,)),
        ],
    },
    "demo:20": {
        "useful": (JULIEN,),
        "comments": [
            ("q1", JULIEN, 6, "Le poste de conseillère numérique est-il financé au-delà de l'aide de "
             "l'État ?", None, ()),
            ("a1", ANNE, 7, "La commune prend le relais à 50 % depuis cette année ; l'intercommunalité "
             "étudie une mutualisation du poste.", "q1", (JULIEN,)),
        ],
    },
}


def _members(emails) -> dict:
    return {email: find_by_email(email) for email in emails}


def _seed_thread(writeup: Writeup, thread: dict, members: dict) -> tuple[int, int]:
    """Post one write-up's thread; (comments, reactions) added."""
    made: dict[str, Comment] = {}
    reactions = 0
    published = as_utc(writeup.published_at)
    for key, email, days, body, answered, useful_by in thread["comments"]:
        comment = services.post_comment(writeup, members[email], body, parent=made.get(answered))
        comment.created_at = comment.updated_at = published + timedelta(days=days, hours=len(made))
        made[key] = comment
        for reader in useful_by:
            reactions += services.add_reaction(members[reader], comment=comment)
    for reader in thread["useful"]:
        reactions += services.add_reaction(members[reader], writeup=writeup)
    return len(made), reactions


def seed_demo() -> str:
    """Add the demonstration discussions that are missing (idempotent: a write-up that already
    has comments is left alone)."""
    ids = list(THREADS)
    found = db.session.scalars(select(Writeup).where(Writeup.external_id.in_(ids)))
    writeups = {writeup.external_id: writeup for writeup in found}
    commented = set(db.session.scalars(
        select(Comment.writeup_id).where(Comment.writeup_id.in_([w.id for w in writeups.values()]))
        .group_by(Comment.writeup_id).having(func.count(Comment.id) > 0)
    ))
    created = kept = skipped = comments = reactions = 0
    for external_id, thread in THREADS.items():
        writeup = writeups.get(external_id)
        emails = {c[1] for c in thread["comments"]} | {r for c in thread["comments"] for r in c[5]}
        members = _members(emails | set(thread["useful"]))
        if writeup is None or writeup.published_at is None or None in members.values():
            skipped += 1  # write-ups or members not seeded
            continue
        if writeup.id in commented:
            kept += 1
            continue
        added, liked = _seed_thread(writeup, thread, members)
        created, comments, reactions = created + 1, comments + added, reactions + liked
    db.session.flush()
    summary = f"{created} created ({comments} comments, {reactions} « utile »), {kept} already there"
    if skipped:
        summary += f", {skipped} skipped (seed members and write-ups first)"
    return summary
