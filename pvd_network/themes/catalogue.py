"""The twelve themes Réseau PVD starts with: slugs of the import contract, French names,
one-line descriptions and DSFR pictograms. Migration 0003 inserts them; admins then
rename or archive them (slugs never change)."""

from __future__ import annotations

INITIAL_THEMES = (
    (
        "acces-aux-soins",
        "Accès aux soins",
        "Maisons de santé, installation de médecins, télésanté et prévention.",
        "health/doctor",
    ),
    (
        "mobilite",
        "Mobilité",
        "Transport à la demande, covoiturage, vélo et liaisons avec les gares.",
        "map/compass",
    ),
    (
        "logement-habitat",
        "Logement et habitat",
        "Réhabilitation, OPAH-RU, lutte contre la vacance et l'habitat indigne.",
        "buildings/house",
    ),
    (
        "nature-en-ville",
        "Nature en ville",
        "Végétalisation, îlots de fraîcheur, parcs et biodiversité en centre-bourg.",
        "environment/tree",
    ),
    (
        "numerique",
        "Numérique",
        "Inclusion numérique, conseillers numériques, tiers-lieux et très haut débit.",
        "digital/internet",
    ),
    (
        "services-publics",
        "Services publics",
        "France services, accueil des habitants et équipements publics de proximité.",
        "buildings/city-hall",
    ),
    (
        "commerce-centre-ville",
        "Commerce de centre-ville",
        "Boutiques à l'essai, vacance commerciale, halles, marchés et foncières.",
        "environment/grocery",
    ),
    (
        "patrimoine-cadre-de-vie",
        "Patrimoine et cadre de vie",
        "Restauration du bâti ancien, espaces publics, paysage et petites cités de caractère.",
        "leisure/culture",
    ),
    (
        "transition-ecologique",
        "Transition écologique",
        "Rénovation énergétique, énergies renouvelables, eau et sobriété.",
        "environment/leaf",
    ),
    (
        "culture-tourisme",
        "Culture et tourisme",
        "Médiathèques, saisons culturelles, offices de tourisme et itinérance.",
        "leisure/book",
    ),
    (
        "economie-emploi",
        "Économie et emploi",
        "Artisanat, reprise d'entreprises, zones d'activité et formation.",
        "buildings/factory",
    ),
    (
        "participation-citoyenne",
        "Participation citoyenne",
        "Concertation, budgets participatifs, conseils citoyens et jeunes.",
        "leisure/community",
    ),
)
