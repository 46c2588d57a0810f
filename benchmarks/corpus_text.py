"""French text for the benchmark corpus: write-ups assembled from sentence fragments.

Each builder returns the Markdown source and its HTML together (paragraphs, lists and bold
only), so that 20,000 write-ups need no Markdown rendering; :func:`check_html` compares a
sample with the real sanitiser (pvd_network.core.markup) so the shortcut stays honest.
"""
from __future__ import annotations

import random
from html import escape

THEMES = {
    "acces-aux-soins": [
        "une maison de santé pluriprofessionnelle", "un centre de santé municipal",
        "des logements pour les internes en médecine", "une cabine de téléconsultation",
        "un bus de prévention santé", "une permanence de sages-femmes",
    ],
    "mobilite": [
        "un service de transport à la demande", "une voie verte vers la gare", "des abris vélos sécurisés",
        "une ligne de covoiturage domicile-travail", "un plan de circulation apaisé",
        "la location de vélos à assistance électrique",
    ],
    "logement-habitat": [
        "une OPAH de renouvellement urbain", "une prime à la sortie de vacance", "un permis de louer",
        "la réhabilitation d'un îlot dégradé", "des logements pour les jeunes actifs",
        "l'accompagnement des copropriétés fragiles",
    ],
    "nature-en-ville": [
        "la désimperméabilisation d'une cour d'école", "un jardin partagé en cœur de bourg",
        "la plantation d'un verger communal", "la renaturation des berges", "un îlot de fraîcheur",
        "un plan de gestion différenciée des espaces verts",
    ],
    "numerique": [
        "un conseiller numérique itinérant", "un espace de coworking", "un fablab associatif",
        "des ateliers d'initiation au numérique", "le prêt de tablettes aux personnes âgées",
        "un portail citoyen pour les démarches",
    ],
    "services-publics": [
        "une maison France services", "un bus France services", "une agence postale communale",
        "le regroupement des services à l'hôtel de ville", "une maison de l'enfance",
        "un guichet unique pour les associations",
    ],
    "commerce-centre-ville": [
        "des boutiques à l'essai", "une foncière commerciale", "la réouverture des halles",
        "un manager de centre-ville", "une épicerie multiservice", "un marché de producteurs",
    ],
    "patrimoine-cadre-de-vie": [
        "la restauration des remparts", "une campagne de ravalement des façades",
        "la requalification de la place du marché", "la mise en valeur du lavoir",
        "un plan lumière du centre ancien", "la restauration de l'église et de ses abords",
    ],
    "transition-ecologique": [
        "une centrale solaire citoyenne", "un réseau de chaleur au bois",
        "la rénovation énergétique des écoles",
        "une légumerie pour les cantines", "l'extinction de l'éclairage public la nuit",
        "la récupération des eaux de pluie",
    ],
    "culture-tourisme": [
        "une saison culturelle itinérante", "la rénovation de la médiathèque", "un parcours patrimonial",
        "une résidence d'artistes", "un office de tourisme repensé", "une boucle de randonnée",
    ],
    "economie-emploi": [
        "un programme de reprise des entreprises artisanales", "une pépinière d'entreprises",
        "une zone d'activité requalifiée", "un atelier chantier d'insertion", "un tiers-lieu productif",
        "un forum de l'emploi local",
    ],
    "participation-citoyenne": [
        "un budget participatif", "un conseil citoyen", "des marches exploratoires",
        "un conseil municipal des jeunes", "des ateliers de concertation sur le cœur de ville",
        "une assemblée d'habitants tirés au sort",
    ],
}
# How often each theme comes first (housing and commerce are the most common subjects).
THEME_WEIGHTS = dict(zip(THEMES, (9, 7, 12, 6, 6, 7, 12, 9, 8, 8, 6, 5), strict=True))

# Theme-specific fragments: a write-up draws most of its sentences from its first theme,
# so that its vocabulary says what it is about (as real texts do; search and "similar
# write-ups" depend on it).
THEME_TEXT = {
    "acces-aux-soins": {
        "problems": [
            "le dernier cabinet de kinésithérapie avait fermé",
            "les urgences les plus proches sont à quarante minutes",
            "les patients sans médecin traitant se comptaient par centaines",
            "les infirmières libérales ne trouvaient pas de locaux adaptés",
        ],
        "steps": [
            "Rédaction du projet de santé avec les professionnels", "Agrément de l'ARS et conventionnement",
            "Aménagement des cabinets et d'une salle de soins non programmés",
            "Accueil des internes en stage",
            "Mise en place de la téléconsultation assistée en pharmacie",
        ],
        "results": [
            "{n} patients ont retrouvé un médecin traitant",
            "{q} professionnels de santé supplémentaires installés",
            "les délais de rendez-vous sont passés de trois semaines à six jours",
        ],
    },
    "mobilite": {
        "problems": [
            "le parking de la gare était saturé dès sept heures",
            "aucune piste cyclable ne reliait les hameaux au bourg",
            "le car scolaire était la seule offre de transport collectif",
            "les personnes âgées renonçaient à leurs rendez-vous médicaux faute de transport",
        ],
        "steps": [
            "Enquête sur les déplacements domicile-travail", "Aménagement de bandes cyclables et de zones 30",
            "Création d'une centrale de réservation du transport à la demande",
            "Installation de consignes à vélos à la gare", "Animation d'une communauté de covoitureurs",
        ],
        "results": [
            "{n} trajets réalisés chaque mois", "la part du vélo a doublé sur les trajets courts",
            "{n} abonnés au service de location de vélos",
        ],
    },
    "logement-habitat": {
        "problems": [
            "les étages au-dessus des commerces étaient inhabités",
            "plusieurs immeubles faisaient l'objet d'arrêtés de péril",
            "les propriétaires bailleurs n'avaient pas les moyens de rénover",
            "les familles préféraient construire en lotissement plutôt que rénover en centre ancien",
        ],
        "steps": [
            "Étude pré-opérationnelle d'OPAH-RU", "Permanences de l'opérateur habitat en mairie",
            "Prime communale à la remise sur le marché des logements vacants",
            "Création d'accès indépendants aux étages",
            "Opération de restauration immobilière sur les îlots les plus dégradés",
        ],
        "results": [
            "{n} logements rénovés, dont une bonne part anciennement vacants",
            "la vacance est passée de {p} % à {q} % dans le périmètre",
            "{n} dossiers d'aide à la rénovation énergétique déposés",
        ],
    },
    "nature-en-ville": {
        "problems": [
            "les cours d'école étaient entièrement bitumées", "la rivière était canalisée et inaccessible",
            "les arbres d'alignement dépérissaient", "les eaux de pluie saturaient le réseau à chaque orage",
        ],
        "steps": [
            "Ateliers de conception avec les enfants et les riverains",
            "Désimperméabilisation et plantation d'arbres",
            "Création de noues et de jardins de pluie",
            "Plan de gestion différenciée avec les services techniques",
            "Chantier participatif de plantation",
        ],
        "results": [
            "{n} arbres plantés", "la température au sol a baissé de plusieurs degrés en été",
            "{n} mètres carrés désimperméabilisés",
        ],
    },
    "numerique": {
        "problems": [
            "la fibre n'arrivait pas dans les hameaux",
            "de nombreux habitants n'avaient ni ordinateur ni connexion",
            "les jeunes actifs en télétravail n'avaient aucun lieu pour travailler",
            "les démarches dématérialisées laissaient de côté les plus âgés",
        ],
        "steps": [
            "Recrutement et formation d'un conseiller numérique", "Ateliers collectifs d'initiation",
            "Aménagement d'un espace de coworking", "Prêt de matériel reconditionné",
            "Permanences d'aide aux démarches en ligne",
        ],
        "results": [
            "{n} personnes accompagnées dans leurs démarches", "{n} abonnés à l'espace de coworking",
            "{n} ateliers numériques organisés",
        ],
    },
    "services-publics": {
        "problems": [
            "la trésorerie et l'agence postale avaient fermé",
            "les habitants faisaient trente kilomètres pour une démarche",
            "les services municipaux étaient dispersés dans quatre bâtiments",
            "l'accueil de la mairie n'était pas accessible aux personnes à mobilité réduite",
        ],
        "steps": [
            "Labellisation France services", "Formation croisée des agents d'accueil avec les opérateurs",
            "Regroupement des services dans un bâtiment rénové",
            "Tournées d'un véhicule aménagé dans les villages",
            "Horaires élargis le samedi matin",
        ],
        "results": [
            "{n} demandes traitées par mois", "le temps d'attente moyen a été divisé par deux",
            "{n} habitants reçus la première année",
        ],
    },
    "commerce-centre-ville": {
        "problems": [
            "les vitrines vides se multipliaient dans la rue principale",
            "les loyers commerciaux étaient sans rapport avec le marché",
            "le supermarché de périphérie attirait l'essentiel des achats",
            "les commerçants partant à la retraite ne trouvaient pas de repreneur",
        ],
        "steps": [
            "Inventaire des locaux vacants et rencontre des propriétaires",
            "Baux précaires pour des boutiques à l'essai",
            "Création d'une foncière avec la Banque des territoires", "Recrutement d'un manager de commerce",
            "Aide à la rénovation des vitrines et des enseignes",
        ],
        "results": [
            "{n} commerces ouverts ou repris", "le taux de vacance commerciale est passé de {p} % à {q} %",
            "la fréquentation du marché a progressé de {p} %",
        ],
    },
    "patrimoine-cadre-de-vie": {
        "problems": [
            "les façades du centre historique se dégradaient", "la place de l'église servait de parking",
            "les remparts menaçaient de s'effondrer par endroits",
            "les ruelles du centre ancien étaient mal éclairées",
        ],
        "steps": [
            "Diagnostic patrimonial avec l'architecte des Bâtiments de France",
            "Nuancier et guide des façades",
            "Restauration par tranches annuelles", "Souscription publique avec la Fondation du patrimoine",
            "Requalification de la place et de ses abords",
        ],
        "results": [
            "{n} façades ravalées", "la place accueille désormais le marché et des terrasses",
            "{n} visiteurs lors des journées du patrimoine",
        ],
    },
    "transition-ecologique": {
        "problems": [
            "les bâtiments publics étaient chauffés au fioul",
            "la facture énergétique de la commune avait doublé",
            "les cantines servaient très peu de produits locaux",
            "l'éclairage public restait allumé toute la nuit",
        ],
        "steps": [
            "Audit énergétique des bâtiments communaux",
            "Installation de panneaux photovoltaïques en toiture",
            "Création d'une chaufferie au bois et d'un réseau de chaleur",
            "Contrats avec les producteurs locaux pour la restauration scolaire",
            "Extinction de l'éclairage public au cœur de la nuit",
        ],
        "results": [
            "la consommation d'énergie a baissé de {p} %", "{n} mégawattheures produits chaque année",
            "la part des produits locaux dans les cantines atteint {p} %",
        ],
    },
    "culture-tourisme": {
        "problems": [
            "la médiathèque était trop petite et mal située",
            "les visiteurs du site ne restaient qu'une heure",
            "aucune saison culturelle n'était proposée en dehors de l'été",
            "l'office de tourisme était fermé la moitié de l'année",
        ],
        "steps": [
            "Rénovation et extension de la médiathèque", "Création d'un parcours de découverte signalé",
            "Résidence d'artistes avec les écoles", "Programmation culturelle hors saison",
            "Billet couplé avec les sites voisins",
        ],
        "results": [
            "{n} inscrits à la médiathèque", "la durée moyenne de séjour a augmenté",
            "{n} spectateurs sur la saison",
        ],
    },
    "economie-emploi": {
        "problems": [
            "la principale usine avait supprimé la moitié de ses emplois",
            "les artisans ne trouvaient pas d'apprentis", "la zone d'activité vieillissait et se vidait",
            "les créateurs d'entreprise ne trouvaient pas de locaux",
        ],
        "steps": [
            "Repérage des entreprises à transmettre", "Création d'une pépinière d'entreprises",
            "Atelier chantier d'insertion", "Requalification de la zone d'activité",
            "Forum de l'emploi avec les entreprises du bassin",
        ],
        "results": [
            "{n} emplois créés ou maintenus", "{q} entreprises reprises",
            "{n} personnes en insertion accompagnées",
        ],
    },
    "participation-citoyenne": {
        "problems": [
            "les réunions publiques ne réunissaient qu'une dizaine de personnes",
            "les jeunes ne se sentaient pas écoutés",
            "les habitants découvraient les projets une fois décidés",
            "certains quartiers n'étaient jamais représentés",
        ],
        "steps": [
            "Tirage au sort d'un panel d'habitants", "Dépôt des idées en ligne et sur papier",
            "Vote dans les écoles et sur le marché", "Restitution publique des propositions",
            "Comité de suivi associant les habitants",
        ],
        "results": [
            "{n} habitants ont voté", "{q} projets proposés par les habitants réalisés",
            "{n} participants aux ateliers",
        ],
    },
}

PROBLEMS = [
    "le centre-bourg perdait des habitants depuis vingt ans",
    "un logement sur cinq était vacant dans le centre ancien",
    "les commerces de la grand-rue fermaient les uns après les autres",
    "trois médecins sur cinq approchaient de la retraite sans successeur",
    "les jeunes quittaient le territoire après le lycée",
    "la gare n'était reliée au centre par aucun cheminement sûr",
    "les habitants les plus âgés ne pouvaient plus se déplacer sans voiture",
    "les bâtiments communaux consommaient beaucoup trop d'énergie",
    "la place principale servait surtout de parking",
    "les associations manquaient de locaux adaptés",
    "l'été, la température dans les rues minérales devenait difficile à supporter",
    "beaucoup de démarches administratives ne se faisaient plus qu'en ligne",
    "les visiteurs du site touristique ne s'arrêtaient pas en ville",
    "plusieurs artisans partaient à la retraite sans repreneur",
    "les habitants ne venaient plus aux réunions publiques",
    "le patrimoine bâti se dégradait faute d'entretien",
]
OPENERS = [
    "", "Par ailleurs, ", "En outre, ", "Dans le même temps, ", "Surtout, ", "Depuis plusieurs années, ",
]
CONSEQUENCES = [
    "ce qui fragilisait l'ensemble du centre",
    "au point d'inquiéter les élus comme les habitants",
    "sans qu'aucune solution simple ne se dessine",
    "alors que la demande existait bel et bien",
    "ce que le diagnostic de territoire a confirmé",
    "comme dans beaucoup de petites villes du département",
]
STEPS = [
    "Diagnostic partagé avec {partner}",
    "Réunions publiques dans chaque quartier",
    "Visite de projets comparables dans d'autres petites villes",
    "Recrutement d'un chargé de mission pour deux ans",
    "Signature d'une convention avec {partner}",
    "Étude de faisabilité confiée à un bureau d'études",
    "Travaux réalisés en deux tranches pour limiter la gêne",
    "Appel à candidatures pour choisir les porteurs de projet",
    "Mise en place d'un comité de suivi avec {partner}",
    "Communication dans le bulletin municipal et sur les marchés",
    "Chantier participatif un samedi avec les habitants",
    "Demande de subventions ({funder})",
    "Bilan à un an et ajustement des horaires",
    "Formation des agents municipaux",
]
RESULTS = [
    "{n} habitants ont participé aux ateliers",
    "{n} logements remis sur le marché en trois ans",
    "la fréquentation a progressé de {p} % en un an",
    "{n} personnes accompagnées chaque mois",
    "le taux de vacance commerciale est passé de {p} % à {q} %",
    "la consommation d'énergie a baissé de {p} %",
    "{n} emplois créés ou maintenus",
    "les délais de rendez-vous ont été divisés par deux",
    "{n} événements organisés la première année",
    "les retours des usagers sont très positifs",
]
LESSONS = [
    "Associer les habitants dès le départ évite bien des blocages par la suite.",
    "Le temps passé à convaincre les propriétaires est considérable, mais indispensable.",
    "Il faut prévoir le fonctionnement, pas seulement l'investissement.",
    "Un interlocuteur unique pour les porteurs de projet fait gagner des mois.",
    "Les financements se cumulent mieux quand le projet est écrit tôt et partagé avec les partenaires.",
    "Nous aurions dû anticiper la durée des procédures d'acquisition.",
    "Montrer rapidement des premiers résultats visibles entretient la mobilisation.",
    "La mutualisation avec les communes voisines a rendu le projet viable.",
    "Un bilan chiffré à un an a convaincu les élus de poursuivre.",
    "Ne pas sous-estimer l'entretien : il faut former les équipes techniques.",
]
PARTNERS_IN_TEXT = [
    "le CAUE", "la CCI", "la chambre de métiers", "SOLIHA", "la mission locale", "l'office de tourisme",
    "le centre social", "l'architecte des Bâtiments de France", "le Cerema", "l'ADIL", "les commerçants",
    "le département", "les communes voisines", "l'Éducation nationale",
]
SUBJECTS = [
    "La commune", "L'équipe projet", "La communauté de communes", "Le conseil municipal",
    "Un collectif d'habitants", "Les commerçants du centre", "La cheffe de projet", "Le centre social",
]
VERBS = [
    "a engagé", "a lancé", "a expérimenté", "a mis en place", "a financé", "a porté", "a conçu",
    "a accompagné",
]
COMPLEMENTS = [
    "avec l'appui de la Banque des territoires", "en lien avec le département",
    "après une large concertation",
    "sur trois ans", "dans un bâtiment communal vacant", "au cœur du centre ancien", "pour un coût maîtrisé",
    "avec les communes voisines", "dans le cadre de Petites villes de demain", "avec des entreprises locales",
]
TITLES = [
    "{Object} à {commune}",
    "{commune} : {object}",
    "Comment {commune} a mis en place {object}",
    "{Object} : le retour d'expérience de {commune}",
    "{commune} mise sur {object}",
    "Lancer {object} dans une petite ville : l'exemple de {commune}",
]
SUMMARIES = [
    "{Subject} {verb} {object} {complement}. {Result}.",
    "Retour sur {object} à {commune} : {problem}, {complement}, et des résultats mesurés.",
    "{Subject} {verb} {object}, {complement}. {Lesson}",
]
FUNDERS = [
    "Banque des territoires", "Anah", "ADEME", "DSIL", "DETR", "FNADT", "Fonds vert", "FEDER", "LEADER",
    "Fonds friches", "ANCT", "Agence de l'eau", "DRAC", "CAF", "ARS", "Fondation du patrimoine",
]
PARTNERS = [
    "CAUE", "CCI", "Chambre de métiers et de l'artisanat", "SOLIHA", "Initiative France", "Mission locale",
    "Office de tourisme", "Centre social", "Architecte des Bâtiments de France", "Cerema", "ADIL",
    "Conservatoire d'espaces naturels", "Association des commerçants", "La Poste",
]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class Section:
    """Markdown and HTML written side by side."""

    def __init__(self) -> None:
        self.md: list[str] = []
        self.html: list[str] = []

    def paragraph(self, sentences: list[str]) -> None:
        text = " ".join(sentences)
        self.md.append(text)
        self.html.append(f"<p>{escape(text, quote=False)}</p>\n")

    def bold_paragraph(self, lead: str, rest: str) -> None:
        self.md.append(f"**{lead}** {rest}")
        self.html.append(f"<p><strong>{escape(lead, quote=False)}</strong> {escape(rest, quote=False)}</p>\n")

    def items(self, items: list[str], ordered: bool) -> None:
        lines = (f"{i}. {item}" if ordered else f"- {item}" for i, item in enumerate(items, 1))
        self.md.append("\n".join(lines))
        tag = "ol" if ordered else "ul"
        body = "".join(f"<li>{escape(item, quote=False)}</li>\n" for item in items)
        self.html.append(f"<{tag}>\n{body}</{tag}>\n")

    def done(self) -> tuple[str, str]:
        return "\n\n".join(self.md), "".join(self.html)


class Writer:
    """Builds the texts of one write-up; ``rng`` makes the corpus reproducible."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, items: list[str], k: int) -> list[str]:
        """``k`` distinct items (as many as there are, at most)."""
        return self.rng.sample(items, max(1, min(k, len(items))))

    def fill(self, template: str, **known) -> str:
        rng = self.rng
        values = {
            "partner": rng.choice(PARTNERS_IN_TEXT), "funder": rng.choice(FUNDERS), "n": rng.randint(12, 480),
            "p": rng.randint(8, 45), "q": rng.randint(3, 7), "complement": rng.choice(COMPLEMENTS),
            "problem": rng.choice(PROBLEMS), "Subject": rng.choice(SUBJECTS), "verb": rng.choice(VERBS),
            **known,
        }
        values.setdefault("Result", cap(self.fill(rng.choice(RESULTS))) if "{Result}" in template else "")
        values.setdefault("Lesson", rng.choice(LESSONS))
        values.setdefault("Object", cap(values.get("object", "")))
        return template.format(**values)

    def title(self, obj: str, commune: str) -> str:
        return self.fill(self.rng.choice(TITLES), object=obj, commune=commune)[:200]

    def summary(self, obj: str, commune: str) -> str:
        return self.fill(self.rng.choice(SUMMARIES), object=obj, commune=commune)[:600]

    def _mix(self, theme: str, kind: str, generic: list[str], k: int) -> list[str]:
        """``k`` fragments, about two thirds of them specific to ``theme``."""
        specific = THEME_TEXT[theme][kind]
        mine = self.pick(specific, max(1, round(k * 2 / 3)))
        return mine + self.pick(generic, max(1, k - len(mine)))

    def context(self, theme: str, commune: str, size: float) -> tuple[str, str]:
        section, rng = Section(), self.rng
        paragraphs = max(1, round(rng.randint(1, 3) * size))
        problems = self._mix(theme, "problems", PROBLEMS, paragraphs * 3)
        for i in range(paragraphs):
            chunk = problems[i * 3 : i * 3 + rng.randint(2, 3)] or problems[:2]
            sentences = [
                f"{cap(rng.choice(OPENERS) + problem)}, {rng.choice(CONSEQUENCES)}." for problem in chunk
            ]
            if i == 0:
                sentences[0] = f"À {commune}, {sentences[0][0].lower()}{sentences[0][1:]}"
            section.paragraph(sentences)
        return section.done()

    def actions(self, theme: str, obj: str, size: float) -> tuple[str, str]:
        section = Section()
        section.bold_paragraph(
            "Le projet :", f"{self.rng.choice(SUBJECTS).lower()} {self.rng.choice(VERBS)} {obj} "
            f"{self.rng.choice(COMPLEMENTS)}."
        )
        count = max(3, round(self.rng.randint(3, 7) * size))
        steps = [self.fill(step) for step in self._mix(theme, "steps", STEPS, count)]
        section.items(steps, ordered=self.rng.random() < 0.6)
        return section.done()

    def results(self, theme: str, size: float) -> tuple[str, str]:
        if self.rng.random() < 0.15:
            return "", ""
        section = Section()
        picked = self._mix(theme, "results", RESULTS, max(2, round(self.rng.randint(2, 4) * size)))
        section.items([cap(self.fill(result)) + "." for result in picked], ordered=False)
        return section.done()

    def lessons(self, size: float) -> tuple[str, str]:
        if self.rng.random() < 0.2:
            return "", ""
        section = Section()
        section.paragraph(self.pick(LESSONS, max(2, round(self.rng.randint(1, 3) * size))))
        return section.done()


def check_html(samples: list[dict]) -> None:
    """The HTML written beside each Markdown section must be what the sanitiser renders."""
    from pvd_network.core.markup import render_markdown

    for row in samples:
        for field in ("context", "actions", "results", "lessons"):
            expected = render_markdown(row[field])
            if expected.strip() != row[f"{field}_html"].strip():
                raise AssertionError(f"corpus HTML differs from the sanitiser for {field}:\n{expected}\n---\n"
                                     f"{row[field + '_html']}")


# --- Comments ----------------------------------------------------------------------------------
# Questions peers ask under a write-up, and the answers they get.

QUESTIONS = [
    "Comment avez-vous financé {object} ? Nous montons un dossier similaire avec {funder}.",
    "Merci pour ce retour très complet. Combien de temps a pris le montage du projet avec {partner} ?",
    "Avez-vous rencontré des difficultés avec {problem} ? C'est notre principal frein.",
    "Quel a été le rôle des élus dans la décision ? Chez nous le conseil municipal hésite encore.",
    "Est-ce que vous pourriez partager le cahier des charges ? Nous lançons une consultation.",
    "Bravo ! Quels indicateurs suivez-vous pour mesurer les résultats sur la durée ?",
    "Nous envisageons {object} dans notre commune : par où avez-vous commencé ?",
    "Le budget de fonctionnement est-il pris en charge par la commune ou par l'intercommunalité ?",
]
ANSWERS = [
    "Nous avons obtenu {p} % de subventions, surtout grâce à {funder}, le reste en autofinancement.",
    "Il a fallu environ {q} mois de concertation avec {partner} avant le premier comité de pilotage.",
    "Oui, {problem} nous a ralentis ; un accompagnement en ingénierie nous a beaucoup aidés.",
    "Je vous envoie le cahier des charges par message, n'hésitez pas à m'appeler.",
    "Nous suivons la fréquentation chaque mois : environ {n} usagers réguliers aujourd'hui.",
    "Le fonctionnement est porté par l'intercommunalité, la commune finance l'investissement.",
    "Nous avons commencé par un diagnostic partagé avec les habitants et les commerçants.",
    "La convention avec {partner} a été signée pour trois ans, renouvelable.",
]


def comment_text(rng: random.Random, obj: str, answer: bool) -> tuple[str, str]:
    """A question or an answer about a write-up: Markdown source (one paragraph) and its HTML."""
    template = rng.choice(ANSWERS if answer else QUESTIONS)
    text = template.format(
        object=obj, funder=rng.choice(FUNDERS), partner=rng.choice(PARTNERS_IN_TEXT),
        problem=rng.choice(PROBLEMS), p=rng.randint(20, 80), q=rng.randint(3, 18), n=rng.randint(30, 900),
    )
    return text, f"<p>{escape(text)}</p>"
