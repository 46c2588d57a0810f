"""Demonstration members for `flask demo seed` (make run): real small communes, French names.

The passwords below are for the demonstration only; they are printed by the command
and listed in the README's development section.
"""
from __future__ import annotations

MEMBER_PASSWORD = "pvd-demo-membre-2024"  # noqa: S105 - demonstration only
MODERATOR_PASSWORD = "pvd-demo-moderation-2024"  # noqa: S105
ADMIN_PASSWORD = "pvd-demo-administration-2024"  # noqa: S105

# (email, first name, last name, function, organisation, commune INSEE, role, bio)
ACCOUNTS = (
    ("claire.martin@commercy.example.fr", "Claire", "Martin", "chef-projet",
     "Communauté de communes Commercy – Void – Vaucouleurs", "55122", "member",
     "Cheffe de projet **Petites villes de demain** à Commercy depuis 2021.\n\n"
     "- Reconquête des cellules commerciales vacantes\n"
     "- Maison de santé pluriprofessionnelle\n\n"
     "Je partage volontiers nos retours sur l'OPAH-RU."),
    ("thomas.lefevre@issoire.example.fr", "Thomas", "Lefèvre", "chef-projet",
     "Agglo Pays d'Issoire", "63178", "member",
     "Revitalisation du centre ancien, mobilités douces et tiers-lieux."),
    ("nadia.benali@tulle.example.fr", "Nadia", "Benali", "chef-projet", "Tulle Agglo", "19272", "member",
     "Urbaniste de formation, je coordonne le programme sur le cœur de ville de Tulle."),
    ("julien.moreau@lons.example.fr", "Julien", "Moreau", "elu", "Ville de Lons-le-Saunier", "39300",
     "member", "Adjoint au maire chargé de l'urbanisme et du commerce."),
    ("sophie.garnier@mende.example.fr", "Sophie", "Garnier", "agent", "Ville de Mende", "48095", "member",
     "Chargée de mission habitat : ravalement de façades, lutte contre la vacance."),
    ("elodie.roux@banque-territoires.example.fr", "Élodie", "Roux", "partenaire",
     "Banque des territoires – direction régionale Nouvelle-Aquitaine", "23096", "member",
     "J'accompagne le financement de l'ingénierie et des études pré-opérationnelles."),
    ("karim.haddad@durance.example.fr", "Karim", "Haddad", "chef-projet",
     "Communauté de communes Durance Luberon Verdon", "04197", "member", ""),
    ("laure.petit@commer.example.fr", "Laure", "Petit", "elu", "Mairie de Commer", "53072", "member", ""),
    ("camille.girard@basse-terre.example.fr", "Camille", "Girard", "chef-projet", "Ville de Basse-Terre",
     "97105", "member", "Patrimoine, commerce et requalification des espaces publics en Guadeloupe."),
    ("marc.dubois@bar-le-duc.example.fr", "Marc", "Dubois", "chef-projet", "Meuse Grand Sud", "55029",
     "moderator", "Modérateur du réseau, chef de projet PVD à Bar-le-Duc."),
    ("anne.lambert@anct.example.fr", "Anne", "Lambert", "partenaire",
     "Agence nationale de la cohésion des territoires", "75056", "admin",
     "Animatrice nationale du réseau des chefs de projet."),
)


def password_for(role: str) -> str:
    return {"admin": ADMIN_PASSWORD, "moderator": MODERATOR_PASSWORD}.get(role, MEMBER_PASSWORD)
