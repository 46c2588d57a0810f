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

    def context(self, size: float) -> tuple[str, str]:
        section, rng = Section(), self.rng
        for _ in range(max(1, round(rng.randint(1, 3) * size))):
            sentences = [
                f"{cap(rng.choice(OPENERS) + rng.choice(PROBLEMS))}, {rng.choice(CONSEQUENCES)}."
                for _ in range(rng.randint(2, 4))
            ]
            section.paragraph(sentences)
        return section.done()

    def actions(self, obj: str, size: float) -> tuple[str, str]:
        section = Section()
        section.bold_paragraph(
            "Le projet :", f"{self.rng.choice(SUBJECTS).lower()} {self.rng.choice(VERBS)} {obj} "
            f"{self.rng.choice(COMPLEMENTS)}."
        )
        steps = [self.fill(step) for step in self.pick(STEPS, max(3, round(self.rng.randint(3, 7) * size)))]
        section.items(steps, ordered=self.rng.random() < 0.6)
        return section.done()

    def results(self, size: float) -> tuple[str, str]:
        if self.rng.random() < 0.15:
            return "", ""
        section = Section()
        picked = self.pick(RESULTS, max(2, round(self.rng.randint(2, 4) * size)))
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
