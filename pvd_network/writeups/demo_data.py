"""Demonstration write-ups for `flask demo seed`: thirty retours d'expérience in French.

The towns are real small communes of the programme's kind (INSEE codes of the Etalab data);
the projects, figures and people are made up for the demonstration. Each entry is a line
of the import format (shared/IMPORT_FORMAT.md) plus ``n`` (the key "demo:<n>"), ``author``
(an address of pvd_network/users/demo.py) and ``status``.
"""
from __future__ import annotations

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

WRITEUPS = (
    {
        "n": 1, "author": CLAIRE, "status": "published", "published_at": "2024-02-06",
        "title": "Une maison de santé pluriprofessionnelle dans l'ancienne gendarmerie de Commercy",
        "summary": "Quand trois médecins sur cinq ont annoncé leur départ en retraite, la commune a "
                   "racheté la gendarmerie désaffectée pour y réunir quatorze professionnels de santé. "
                   "Deux ans de travaux, un projet de santé écrit avec les soignants et une patientèle "
                   "qui ne part plus consulter à Toul.",
        "commune_insee": "55122",
        "themes": ["acces-aux-soins", "services-publics"],
        "context": "En 2019, Commercy comptait **cinq médecins généralistes**, dont trois de plus de 62 ans. "
                   "Les habitants attendaient trois semaines pour un rendez-vous et beaucoup renonçaient à "
                   "se soigner.\n\nLa gendarmerie, vide depuis le regroupement des brigades, occupait un "
                   "terrain de 4 000 m² à cinq minutes à pied de la gare.",
        "actions": "1. **Diagnostic partagé** avec l'ARS, la CPTS et les soignants du secteur (2020).\n"
                   "2. Rédaction du **projet de santé** par les professionnels eux-mêmes, condition de "
                   "l'agrément de l'ARS.\n"
                   "3. Acquisition du bâtiment auprès de l'État, puis concours de maîtrise d'œuvre.\n"
                   "4. Travaux en site vide : 1 200 m² répartis en cabinets, salle de soins non programmés "
                   "et deux studios pour les internes.\n"
                   "5. Loyers modérés les trois premières années pour attirer de jeunes praticiens.",
        "results": "- 14 professionnels installés, dont **4 médecins** (2 jeunes diplômés).\n"
                   "- Délai moyen de rendez-vous passé de 21 à 6 jours.\n"
                   "- Les studios accueillent un interne par semestre depuis l'ouverture.",
        "lessons": "Le bâtiment n'est que la moitié du sujet : sans projet de santé porté par les "
                   "soignants, la maison serait restée vide. Prévoir dès le départ le logement des "
                   "internes, c'est ce qui a décidé deux des jeunes médecins à rester.",
        "budget_eur": 2350000,
        "funders": ["DSIL", "Région Grand Est", "FNADT", "ARS Grand Est"],
        "partners": ["CPTS Sud Meusien", "Ordre des médecins de la Meuse", "Faculté de médecine de Nancy"],
        "stage": "realise", "year": 2020,
    },
    {
        "n": 2, "author": CLAIRE, "status": "published", "published_at": "2024-06-18",
        "title": "Boutiques à l'essai : quatre vitrines rallumées rue Raymond-Poincaré",
        "summary": "Un bail précaire, six mois de loyer réduit et un accompagnement par la CCI : la "
                   "commune a loué elle-même quatre cellules vides pour les confier à des créateurs "
                   "qui testent leur activité avant de s'engager.",
        "commune_insee": "55122",
        "themes": ["commerce-centre-ville"],
        "context": "La rue commerçante comptait 11 locaux vides sur 38. Les propriétaires, souvent "
                   "âgés ou éloignés, ne faisaient plus de travaux et demandaient des loyers sans "
                   "rapport avec le marché.",
        "actions": "- Repérage des locaux et rencontre de chaque propriétaire.\n"
                   "- Prise à bail par la commune, sous-location au créateur pendant un an maximum.\n"
                   "- Petits travaux de vitrine et d'enseigne pris en charge (plafond 8 000 € par local).\n"
                   "- Formation et suivi mensuel par la CCI, prêt d'honneur par Initiative Meuse.",
        "results": "Trois boutiques sur quatre ont signé un bail commercial classique à l'issue de "
                   "l'essai : une fromagerie, un atelier de réparation de vélos et une librairie "
                   "d'occasion. Le quatrième local a été repris par un opticien.",
        "lessons": "Le temps passé avec les propriétaires est énorme mais indispensable. Fixer dès le "
                   "départ le loyer d'après l'essai évite les mauvaises surprises.",
        "budget_eur": 64000,
        "funders": ["Banque des territoires", "Région Grand Est"],
        "partners": ["CCI Meuse Haute-Marne", "Initiative Meuse", "Union des commerçants de Commercy"],
        "stage": "realise", "year": 2022,
    },
    {
        "n": 3, "author": MARC, "status": "published", "published_at": "2023-11-21",
        "title": "OPAH-RU de la Ville haute de Bar-le-Duc : habiter le patrimoine Renaissance",
        "summary": "Une opération programmée d'amélioration de l'habitat sur le quartier Renaissance, "
                   "avec une aide renforcée pour les logements vacants depuis plus de deux ans et un "
                   "architecte-conseil gratuit pour les propriétaires.",
        "commune_insee": "55029",
        "themes": ["logement-habitat", "patrimoine-cadre-de-vie"],
        "context": "La Ville haute concentre un patrimoine exceptionnel (site patrimonial remarquable) "
                   "mais un logement sur quatre y est vacant. Les étages au-dessus des commerces sont "
                   "souvent inaccessibles faute d'entrée indépendante.",
        "actions": "1. Étude pré-opérationnelle en 2019, convention d'OPAH-RU signée pour cinq ans.\n"
                   "2. Permanences mensuelles de l'opérateur et de l'architecte des Bâtiments de France.\n"
                   "3. Prime communale de 5 000 € par logement vacant remis sur le marché.\n"
                   "4. Travaux de création d'accès indépendants aux étages financés à 50 %.",
        "results": "- 86 logements réhabilités en quatre ans, dont 41 anciennement vacants.\n"
                   "- 2,1 M€ d'aides publiques pour 6,3 M€ de travaux, réalisés à 80 % par des "
                   "entreprises du département.",
        "lessons": "Les propriétaires occupants âgés ont besoin d'un accompagnement très rapproché, "
                   "jusqu'au choix des devis. L'accès indépendant aux étages débloque plus de logements "
                   "que n'importe quelle prime.",
        "budget_eur": 4800000,
        "funders": ["Anah", "Banque des territoires", "Département de la Meuse"],
        "partners": ["SOLIHA Meuse", "Unité départementale de l'architecture et du patrimoine"],
        "stage": "en-cours", "year": 2020,
    },
    {
        "n": 4, "author": MARC, "status": "published", "published_at": "2025-04-08",
        "title": "Saint-Mihiel rouvre ses halles : marché du samedi et tiers-lieu culturel",
        "summary": "Fermées depuis quinze ans, les halles du XIXᵉ siècle accueillent de nouveau un "
                   "marché de producteurs le samedi et, en semaine, des expositions, un café associatif "
                   "et des ateliers.",
        "commune_insee": "55463",
        "themes": ["commerce-centre-ville", "culture-tourisme"],
        "context": "Le marché se tenait sur un parking sans abri et perdait ses exposants chaque hiver. "
                   "Les halles, propriété communale, servaient de dépôt aux services techniques.",
        "actions": "- Réunions avec les producteurs pour définir les horaires et les emplacements.\n"
                   "- Réfection de la charpente et de la couverture, mise aux normes électriques.\n"
                   "- Appel à projets auprès des associations pour animer le lieu en semaine.\n"
                   "- Convention d'occupation avec un collectif d'artistes et un café associatif.",
        "results": "Le marché réunit 24 exposants l'été et 15 l'hiver, contre 6 auparavant. Le lieu a "
                   "accueilli 48 événements la première année.",
        "lessons": "Associer les producteurs avant les travaux a évité des erreurs coûteuses (points "
                   "d'eau, accès des camionnettes).",
        "budget_eur": 910000,
        "funders": ["DETR", "Région Grand Est", "Fonds friches"],
        "partners": ["Chambre d'agriculture de la Meuse", "Association Les Halles vivantes"],
        "stage": "realise", "year": 2023,
    },
    {
        "n": 5, "author": THOMAS, "status": "published", "published_at": "2024-09-10",
        "title": "Issoire : des vélos électriques en location longue durée et une voie verte vers la gare",
        "summary": "Location de 120 vélos à assistance électrique à 30 € par mois et aménagement d'une "
                   "liaison cyclable sécurisée de 3,2 km entre les quartiers nord, le centre et la gare.",
        "commune_insee": "63178",
        "themes": ["mobilite", "transition-ecologique"],
        "context": "Deux actifs sur trois travaillant à Issoire habitent à moins de 8 km, mais presque "
                   "tous viennent en voiture. Le parking de la gare était saturé dès 7 h 30.",
        "actions": "1. Enquête auprès de 600 salariés des trois plus gros employeurs.\n"
                   "2. Marché de location longue durée avec un loueur local, entretien compris.\n"
                   "3. Voie verte le long de la Couze, avec deux traversées sécurisées.\n"
                   "4. Abris vélos fermés à la gare et devant la médiathèque.",
        "results": "- 120 vélos loués en permanence, liste d'attente de 40 personnes.\n"
                   "- Comptage : 380 passages par jour ouvré sur la voie verte en septembre.",
        "lessons": "La location longue durée convainc des personnes qui n'auraient jamais acheté un "
                   "vélo à 2 000 €. Sans abri sécurisé à la gare, l'offre ne marchait pas.",
        "budget_eur": 1450000,
        "funders": ["France Mobilités", "Région Auvergne-Rhône-Alpes", "DSIL", "ADEME"],
        "partners": ["Agglo Pays d'Issoire", "SNCF Gares & Connexions", "Vélocité Issoire"],
        "stage": "realise", "year": 2022,
    },
    {
        "n": 6, "author": THOMAS, "status": "draft",
        "title": "Un tiers-lieu numérique dans l'ancienne halle aux grains d'Issoire",
        "summary": "Projet en cours de définition : un espace de coworking, un fablab et des "
                   "permanences d'aide aux démarches en ligne dans un bâtiment communal vacant.",
        "commune_insee": "63178",
        "themes": ["numerique", "economie-emploi"],
        "context": "Les indépendants et télétravailleurs n'ont pas de lieu pour travailler hors de chez "
                   "eux, et la halle aux grains est vide depuis le départ de la coopérative.",
        "actions": "- Questionnaire en ligne (210 réponses).\n"
                   "- Visites de tiers-lieux à Ambert et Thiers.\n"
                   "- Recherche d'une association pour porter l'animation.",
        "budget_eur": 520000,
        "funders": ["FNADT", "Région Auvergne-Rhône-Alpes"],
        "partners": ["France Tiers-Lieux"],
        "stage": "idee", "year": 2025,
    },
    {
        "n": 7, "author": NADIA, "status": "published", "published_at": "2025-06-24",
        "title": "Tulle désimperméabilise la cour d'une école du quartier du Trech",
        "summary": "Deux mille mètres carrés de bitume remplacés par de la terre, des arbres et un "
                   "jardin de pluie : une cour plus fraîche l'été et l'eau de pluie infiltrée sur place "
                   "plutôt qu'envoyée dans la Corrèze.",
        "commune_insee": "19272",
        "themes": ["nature-en-ville", "transition-ecologique"],
        "context": "Lors de la canicule de 2022, la température mesurée dans la cour a dépassé 45 °C "
                   "au sol. Le réseau unitaire débordait à chaque orage dans le quartier.",
        "actions": "1. Ateliers de conception avec les élèves, les enseignants et les parents.\n"
                   "2. Dépose de l'enrobé, plantation de 22 arbres et création d'une noue.\n"
                   "3. Chantier participatif pour les plantations basses (un samedi, 70 bénévoles).\n"
                   "4. Ouverture de la cour au public le mercredi après-midi et pendant les vacances.",
        "results": "Écart de 8 °C mesuré au sol entre l'ancienne et la nouvelle cour un après-midi de "
                   "juillet. Plus aucun débordement du réseau lors des orages de l'été 2024.",
        "lessons": "Prévoir une période de boue le premier hiver, et le dire aux parents avant. "
                   "Former les agents d'entretien : on ne tond pas un jardin de pluie comme une pelouse.",
        "budget_eur": 385000,
        "funders": ["Fonds vert", "Agence de l'eau Adour-Garonne", "Département de la Corrèze"],
        "partners": ["CAUE de la Corrèze", "Éducation nationale", "Association de parents d'élèves"],
        "stage": "realise", "year": 2023,
    },
    {
        "n": 8, "author": NADIA, "status": "published", "published_at": "2024-01-16",
        "title": "Marches exploratoires de femmes dans le centre ancien de Tulle",
        "summary": "Sept marches en soirée avec une quarantaine d'habitantes ont fait émerger des "
                   "aménagements simples : éclairage, bancs, escaliers rénovés et toilettes publiques "
                   "rouvertes.",
        "commune_insee": "19272",
        "themes": ["participation-citoyenne", "patrimoine-cadre-de-vie"],
        "context": "Le centre ancien, tout en escaliers et ruelles, était évité le soir par une partie "
                   "des habitantes. Les réunions publiques classiques ne faisaient venir que des "
                   "hommes retraités.",
        "actions": "- Invitation par les associations, le centre social et la médiathèque.\n"
                   "- Parcours choisis par les participantes, notés sur une carte partagée.\n"
                   "- Restitution en conseil municipal par les habitantes elles-mêmes.\n"
                   "- Programmation des travaux sur deux budgets annuels.",
        "results": "31 propositions recueillies, 19 réalisées en dix-huit mois pour 140 000 €.",
        "lessons": "La restitution par les participantes a pesé bien plus qu'un rapport de bureau "
                   "d'études. Il faut revenir vers elles pour montrer ce qui a été fait.",
        "budget_eur": 140000,
        "funders": ["Ville de Tulle", "Fonds interministériel de prévention de la délinquance"],
        "partners": ["Centre social de Tulle", "Planning familial de la Corrèze"],
        "stage": "realise", "year": 2022,
    },
    {
        "n": 9, "author": JULIEN, "status": "published", "published_at": "2024-05-14",
        "title": "Une foncière publique pour racheter les rez-de-chaussée commerciaux de Lons-le-Saunier",
        "summary": "La ville et la Banque des territoires ont créé une société qui achète des locaux "
                   "commerciaux vacants, les rénove et les loue à des commerçants choisis pour "
                   "compléter l'offre du centre.",
        "commune_insee": "39300",
        "themes": ["commerce-centre-ville", "economie-emploi"],
        "context": "Les locaux vacants se concentraient dans trois rues, souvent dans des copropriétés "
                   "bloquées. Des investisseurs rachetaient les meilleurs emplacements pour y installer "
                   "des agences sans vitrine animée.",
        "actions": "1. Étude de marché et repérage de 35 locaux prioritaires.\n"
                   "2. Création d'une SAS avec la Banque des territoires (capital de 1,5 M€).\n"
                   "3. Achat de 12 locaux en trois ans, rénovation et mise en location.\n"
                   "4. Comité de sélection associant les commerçants en place.",
        "results": "- 12 locaux achetés, 10 loués (épicerie fine, cordonnerie, fleuriste, "
                   "torréfacteur…).\n- Taux de vacance du périmètre passé de 17 % à 9 %.",
        "lessons": "La foncière a besoin d'un gestionnaire dédié : la ville sous-estimait le travail de "
                   "gestion locative.",
        "budget_eur": 3200000,
        "funders": ["Banque des territoires", "Région Bourgogne-Franche-Comté"],
        "partners": ["CCI du Jura", "Union commerciale Lons Boutiques"],
        "stage": "en-cours", "year": 2021,
    },
    {
        "n": 10, "author": JULIEN, "status": "submitted",
        "title": "Une légumerie intercommunale pour des cantines plus locales",
        "summary": "Un atelier de lavage et de découpe des légumes achetés aux maraîchers du Jura, "
                   "pour atteindre 50 % de produits locaux dans les 2 800 repas servis chaque jour.",
        "commune_insee": "39300",
        "themes": ["transition-ecologique", "economie-emploi"],
        "context": "Les cantines achetaient des légumes déjà préparés, venus de loin, faute de temps et "
                   "de place pour éplucher sur place.",
        "actions": "- Étude de faisabilité avec la chambre d'agriculture.\n"
                   "- Aménagement d'un local de l'ancienne cuisine centrale.\n"
                   "- Contrats d'approvisionnement pluriannuels avec huit maraîchers.",
        "results": "Part des légumes locaux passée de 12 % à 41 % la première année.",
        "budget_eur": 690000,
        "funders": ["Projet alimentaire territorial", "ADEME", "LEADER"],
        "partners": ["Chambre d'agriculture du Jura", "Atelier d'insertion Jura Service"],
        "stage": "en-cours", "year": 2023,
    },
    {
        "n": 11, "author": SOPHIE, "status": "published", "published_at": "2023-10-03",
        "title": "Campagne de ravalement des façades du centre historique de Mende",
        "summary": "Une injonction de ravalement rue par rue, adoucie par une aide communale de 30 % et "
                   "un nuancier établi avec l'architecte des Bâtiments de France.",
        "commune_insee": "48095",
        "themes": ["patrimoine-cadre-de-vie", "logement-habitat"],
        "context": "Les façades du centre, noircies et parfois dangereuses, renvoyaient une image "
                   "d'abandon alors que la cathédrale attire de nombreux visiteurs.",
        "actions": "- Arrêté préfectoral inscrivant la commune sur la liste des ravalements "
                   "obligatoires.\n- Nuancier et guide des bonnes pratiques (enduits à la chaux).\n"
                   "- Aide de 30 % plafonnée à 9 000 € par immeuble, cumulable avec l'Anah.\n"
                   "- Trois rues traitées par an, annoncées deux ans à l'avance.",
        "results": "94 façades ravalées en quatre ans ; aucune injonction n'a dû aller jusqu'aux "
                   "travaux d'office.",
        "lessons": "Annoncer le calendrier longtemps à l'avance laisse aux copropriétés le temps de "
                   "voter les travaux.",
        "budget_eur": 720000,
        "funders": ["Ville de Mende", "Anah", "Région Occitanie"],
        "partners": ["Unité départementale de l'architecture et du patrimoine de la Lozère",
                     "CAUE de la Lozère"],
        "stage": "en-cours", "year": 2019,
    },
    {
        "n": 12, "author": SOPHIE, "status": "published", "published_at": "2025-02-11",
        "visibility": "members",
        "title": "Permis de louer à Mende : bilan chiffré des trois premières années",
        "summary": "Retour détaillé, réservé aux membres du réseau, sur le permis de louer : nombre de "
                   "dossiers, refus, délais d'instruction et coût pour la collectivité.",
        "commune_insee": "48095",
        "themes": ["logement-habitat"],
        "context": "Plusieurs logements loués dans le centre ancien étaient manifestement indignes, "
                   "mais les signalements restaient rares.",
        "actions": "1. Délibération instaurant l'autorisation préalable de mise en location sur "
                   "trois rues.\n2. Recrutement d'une technicienne à mi-temps pour les visites.\n"
                   "3. Partenariat avec la CAF pour repérer les logements décents non conformes.",
        "results": "- 412 demandes, 37 refus, 61 accords sous réserve de travaux.\n"
                   "- Délai moyen d'instruction : 19 jours.\n"
                   "- Coût annuel : environ 28 000 € (poste et déplacements).",
        "lessons": "Le dispositif rapporte surtout par son effet dissuasif : plusieurs marchands de "
                   "sommeil ont vendu. Prévoir des outils de suivi dès le premier jour.",
        "budget_eur": 84000,
        "funders": ["Ville de Mende", "CAF de la Lozère"],
        "partners": ["ADIL de la Lozère", "Agence régionale de santé Occitanie"],
        "stage": "realise", "year": 2021,
    },
    {
        "n": 13, "author": ELODIE, "status": "published", "published_at": "2024-03-26",
        "title": "Un bus France services qui fait la tournée des bourgs autour de Bourganeuf",
        "summary": "Deux agents, un véhicule aménagé et neuf arrêts par semaine : les démarches de la "
                   "CAF, des impôts ou de l'assurance maladie se font désormais au pied de la mairie.",
        "commune_insee": "23030",
        "themes": ["services-publics", "numerique"],
        "context": "Sur ce territoire de la Creuse, un tiers des habitants a plus de 65 ans et beaucoup "
                   "n'ont ni voiture ni ordinateur. Le premier guichet était à 35 km.",
        "actions": "- Achat et aménagement d'un fourgon (bureau, connexion satellite, accès PMR).\n"
                   "- Labellisation France services itinérante.\n"
                   "- Calendrier fixe diffusé dans le bulletin et affiché dans chaque mairie.",
        "results": "3 100 demandes traitées la première année, dont 40 % liées à la retraite et à "
                   "la santé.",
        "lessons": "Un arrêt fixe, même jour, même heure, compte plus que la fréquence.",
        "budget_eur": 195000,
        "funders": ["ANCT", "Banque des territoires", "DETR"],
        "partners": ["Communauté de communes Creuse Sud-Ouest", "MSA Limousin", "La Poste"],
        "stage": "realise", "year": 2022,
    },
    {
        "n": 14, "author": ELODIE, "status": "published", "published_at": "2025-09-02",
        "title": "Aubusson relie la Cité de la tapisserie aux ateliers de la ville",
        "summary": "Un parcours piéton signalé, des ateliers ouverts au public et un billet commun "
                   "pour que les visiteurs de la Cité internationale de la tapisserie restent en ville "
                   "au-delà de la visite.",
        "commune_insee": "23008",
        "themes": ["culture-tourisme", "economie-emploi"],
        "context": "La Cité attire 70 000 visiteurs par an, mais la plupart repartaient sans traverser "
                   "le centre, où lissiers et restaurateurs de tapis peinent à se faire connaître.",
        "actions": "1. Inventaire des ateliers d'art prêts à ouvrir leurs portes.\n"
                   "2. Signalétique du parcours et plan distribué à l'accueil de la Cité.\n"
                   "3. Billet couplé donnant accès à deux ateliers.\n"
                   "4. Journées « métiers d'art » pour les scolaires du département.",
        "results": "Un visiteur sur quatre achète le billet couplé ; la fréquentation des ateliers a "
                   "doublé en deux saisons.",
        "lessons": "Les artisans ont besoin d'un petit revenu garanti par visite pour ouvrir "
                   "régulièrement.",
        "budget_eur": 260000,
        "funders": ["Région Nouvelle-Aquitaine", "DRAC Nouvelle-Aquitaine", "FNADT"],
        "partners": ["Cité internationale de la tapisserie", "Office de tourisme Creuse Grand Sud"],
        "stage": "en-cours", "year": 2023,
    },
    {
        "n": 15, "author": KARIM, "status": "published", "published_at": "2024-07-02",
        "title": "Des panneaux solaires citoyens sur les toits communaux de Sainte-Tulle",
        "summary": "Une société locale, au capital ouvert aux habitants, a installé 480 kWc sur le "
                   "gymnase, les écoles et les ateliers municipaux ; la commune loue ses toits et "
                   "partage les bénéfices.",
        "commune_insee": "04197",
        "themes": ["transition-ecologique", "participation-citoyenne"],
        "context": "La commune voulait produire de l'électricité renouvelable sans confier ses "
                   "toitures à un opérateur extérieur, et sans emprunter elle-même.",
        "actions": "- Réunions publiques et création d'une SAS citoyenne (186 actionnaires).\n"
                   "- Étude de structure des toitures, avec renforcement du gymnase.\n"
                   "- Financement : capital citoyen, prêt bancaire et subvention régionale.\n"
                   "- Vente de l'électricité en autoconsommation collective aux bâtiments voisins.",
        "results": "620 MWh produits par an, l'équivalent de la consommation de 250 foyers.",
        "lessons": "Le montage juridique a pris plus de temps que les travaux : s'appuyer sur un réseau "
                   "régional d'énergie citoyenne évite bien des erreurs.",
        "budget_eur": 610000,
        "funders": ["Région Provence-Alpes-Côte d'Azur", "ADEME", "Énergie Partagée"],
        "partners": ["Communauté de communes Durance Luberon Verdon", "Enercoop"],
        "stage": "realise", "year": 2022,
    },
    {
        "n": 16, "author": KARIM, "status": "published", "published_at": "2025-01-21",
        "title": "Transport à la demande autour de Forcalquier : un an de fonctionnement",
        "summary": "Réservation la veille par téléphone ou en ligne, quatre minibus et un tarif unique "
                   "de 2 € : les villages sans car sont reliés au marché, à la gare routière et à "
                   "l'hôpital.",
        "commune_insee": "04088",
        "themes": ["mobilite", "services-publics"],
        "context": "La moitié des communes de l'intercommunalité n'avait aucune desserte régulière. Les "
                   "personnes âgées dépendaient de leurs voisins pour leurs rendez-vous médicaux.",
        "actions": "1. Enquête auprès des mairies et du centre social.\n"
                   "2. Délégation de service public à un transporteur local.\n"
                   "3. Centrale de réservation mutualisée avec le département voisin.\n"
                   "4. Communication par le portage de repas et les pharmacies.",
        "results": "11 800 trajets la première année, 72 % par des personnes de plus de 60 ans.",
        "lessons": "Les horaires du marché et des consultations doivent guider les créneaux, pas "
                   "l'inverse.",
        "budget_eur": 310000,
        "funders": ["Région Provence-Alpes-Côte d'Azur", "France Mobilités"],
        "partners": ["Communauté de communes Pays de Forcalquier – Montagne de Lure", "Centre social"],
        "stage": "realise", "year": 2024,
    },
    {
        "n": 17, "author": LAURE, "status": "published", "published_at": "2024-10-15",
        "title": "Commer garde son épicerie grâce à un commerce multiservice communal",
        "summary": "Après la fermeture du dernier commerce, la commune a acheté les murs et confié la "
                   "gestion à une gérante : épicerie, dépôt de pain, point poste et relais colis.",
        "commune_insee": "53072",
        "themes": ["commerce-centre-ville", "services-publics"],
        "context": "Dans ce bourg de 1 300 habitants, la fermeture de l'épicerie obligeait à prendre la "
                   "voiture pour la moindre baguette.",
        "actions": "- Achat du fonds et des murs par la commune.\n"
                   "- Travaux de mise aux normes et de vitrine réfrigérée.\n"
                   "- Appel à candidatures pour la gérance, loyer progressif.\n"
                   "- Agence postale communale intégrée au commerce.",
        "results": "Le commerce dégage un salaire pour la gérante depuis la deuxième année ; 180 passages "
                   "par jour en moyenne.",
        "lessons": "Les horaires d'ouverture comptent plus que la gamme : ouvrir tôt le matin a tout "
                   "changé.",
        "budget_eur": 285000,
        "funders": ["DETR", "Région Pays de la Loire", "LEADER"],
        "partners": ["La Poste", "CCI de la Mayenne"],
        "stage": "realise", "year": 2021,
    },
    {
        "n": 18, "author": CAMILLE, "status": "published", "published_at": "2025-03-18",
        "title": "Basse-Terre requalifie son front de mer et le quartier du Carmel",
        "summary": "Promenade ombragée, mise en valeur des façades créoles et retour des marchandes le "
                   "long du boulevard maritime : une première tranche livrée avant la saison.",
        "commune_insee": "97105",
        "themes": ["patrimoine-cadre-de-vie", "culture-tourisme"],
        "context": "Le boulevard maritime, très routier, coupait la ville de la mer. Plusieurs maisons "
                   "anciennes du Carmel menaçaient ruine.",
        "actions": "1. Concertation avec les riverains et les marchandes.\n"
                   "2. Réduction des voies de circulation et plantation d'arbres adaptés aux embruns.\n"
                   "3. Aide aux propriétaires pour consolider les façades en bois.\n"
                   "4. Kiosques pour les marchandes, raccordés à l'eau et à l'électricité.",
        "results": "600 mètres de promenade livrés ; dix-huit kiosques attribués.",
        "lessons": "Les épisodes cycloniques imposent des calendriers de chantier souples et des "
                   "matériaux choisis pour durer.",
        "budget_eur": 5600000,
        "funders": ["FEDER", "Région Guadeloupe", "Banque des territoires", "Fonds vert"],
        "partners": ["Architecte des Bâtiments de France", "Office de tourisme de Basse-Terre"],
        "stage": "en-cours", "year": 2022,
    },
    {
        "n": 19, "author": CAMILLE, "status": "submitted",
        "title": "Remettre en état les cases créoles vacantes du centre de Basse-Terre",
        "summary": "Un dispositif d'aides et d'accompagnement pour les propriétaires de maisons "
                   "traditionnelles vacantes, souvent en indivision.",
        "commune_insee": "97105",
        "themes": ["logement-habitat", "patrimoine-cadre-de-vie"],
        "context": "Près de 300 logements vacants dans le centre, dont de nombreuses cases en bois "
                   "bloquées par des successions non réglées.",
        "actions": "- Permanences juridiques gratuites pour les indivisions.\n"
                   "- Repérage des cases en péril avec les services de l'État.\n"
                   "- Préparation d'une OPAH-RU adaptée au bâti en bois.",
        "budget_eur": 1200000,
        "funders": ["Anah", "Région Guadeloupe"],
        "partners": ["Chambre des notaires de la Guadeloupe", "ADIL de la Guadeloupe"],
        "stage": "idee", "year": 2025,
    },
    {
        "n": 20, "author": ANNE, "status": "published", "published_at": "2024-04-30",
        "title": "Lodève : une conseillère numérique installée à la médiathèque",
        "summary": "Ateliers collectifs, rendez-vous individuels et prêt de tablettes : la médiathèque "
                   "est devenue le lieu de référence pour les démarches en ligne. Retour recueilli "
                   "auprès de l'équipe municipale.",
        "commune_insee": "34142",
        "themes": ["numerique", "culture-tourisme"],
        "context": "Beaucoup d'habitants se présentaient à l'accueil de la mairie pour des démarches "
                   "qu'ils ne savaient pas faire en ligne, et repartaient sans solution.",
        "actions": "- Recrutement d'une conseillère numérique, formée pendant trois mois.\n"
                   "- Créneaux sans rendez-vous le samedi matin, pendant le marché.\n"
                   "- Ateliers « premiers pas » et « sécurité en ligne » en petits groupes.\n"
                   "- Prêt de tablettes configurées pour les personnes âgées.",
        "results": "1 400 accompagnements par an ; 60 % des participants reviennent pour un deuxième "
                   "atelier.",
        "lessons": "Installer le service dans un lieu déjà fréquenté et bienveillant a levé la gêne de "
                   "demander de l'aide.",
        "budget_eur": 92000,
        "funders": ["ANCT", "Département de l'Hérault"],
        "partners": ["Médiathèque intercommunale", "France services de Lodève"],
        "stage": "realise", "year": 2022,
    },
    {
        "n": 21, "author": ANNE, "status": "published", "published_at": "2025-05-27",
        "title": "Le premier budget participatif de Privas",
        "summary": "Cent mille euros d'investissement décidés par les habitants dès 11 ans : 74 idées "
                   "déposées, 2 300 votants et neuf projets réalisés, de la boîte à livres au "
                   "skatepark.",
        "commune_insee": "07186",
        "themes": ["participation-citoyenne"],
        "context": "La municipalité voulait associer les habitants aux petits investissements de "
                   "quartier et toucher les jeunes, absents des réunions publiques.",
        "actions": "1. Règlement voté en conseil municipal : projets d'intérêt général, coût "
                   "maximum de 30 000 €.\n2. Dépôt des idées en ligne et sur papier dans les écoles et "
                   "au collège.\n3. Étude de faisabilité par les services, avec les porteurs d'idées.\n"
                   "4. Vote en ligne et dans des urnes itinérantes.",
        "results": "2 300 votants, dont un tiers de moins de 18 ans ; neuf projets réalisés en "
                   "quatorze mois.",
        "lessons": "Le vote dans les établissements scolaires a fait la participation. Réaliser vite "
                   "les projets lauréats est essentiel pour l'édition suivante.",
        "budget_eur": 100000,
        "funders": ["Ville de Privas"],
        "partners": ["Conseil municipal des jeunes", "Collèges de Privas"],
        "stage": "realise", "year": 2023,
    },
    {
        "n": 22, "author": ANNE, "status": "published", "published_at": "2023-12-12",
        "title": "Redon réorganise les abords de sa gare en pôle d'échanges",
        "summary": "Gare routière déplacée sur le parvis, abri vélos sécurisé de 200 places et "
                   "cheminements piétons vers le centre : une gare de nœud ferroviaire mieux reliée à "
                   "la ville.",
        "commune_insee": "35236",
        "themes": ["mobilite"],
        "context": "La gare de Redon, au croisement de trois lignes, voit passer 1,2 million de "
                   "voyageurs par an, mais cars, taxis et voitures se disputaient un parvis étroit.",
        "actions": "- Étude de pôle d'échanges avec la SNCF et les deux régions concernées.\n"
                   "- Déplacement des quais de cars et création d'une dépose-minute.\n"
                   "- Abri vélos fermé accessible avec la carte de transport.\n"
                   "- Passerelle piétonne rénovée vers le quartier sud.",
        "results": "L'abri vélos est occupé à 85 % ; les correspondances car-train ont été resserrées "
                   "à moins de 10 minutes.",
        "lessons": "À la jonction de deux régions et trois départements, un comité de pilotage unique "
                   "est indispensable.",
        "budget_eur": 7400000,
        "funders": ["Région Bretagne", "Région Pays de la Loire", "DSIL", "SNCF Gares & Connexions"],
        "partners": ["Redon Agglomération", "SNCF Réseau"],
        "stage": "realise", "year": 2019,
    },
    {
        "n": 23, "author": ANNE, "status": "published", "published_at": "2024-11-19",
        "title": "Figeac accueille les internes en médecine pour mieux les garder",
        "summary": "Un logement meublé, un vélo, une soirée d'accueil et des maîtres de stage "
                   "nombreux : Figeac fait de l'internat en zone rurale un argument d'installation.",
        "commune_insee": "46102",
        "themes": ["acces-aux-soins", "logement-habitat"],
        "context": "Les internes refusaient les stages à Figeac, loin de Toulouse et sans logement. "
                   "Or un médecin s'installe souvent là où il a fait ses stages.",
        "actions": "1. Rénovation de six logements communaux pour les internes et les étudiants.\n"
                   "2. Recrutement de maîtres de stage parmi les médecins du secteur.\n"
                   "3. Accueil organisé à chaque semestre par la ville et l'hôpital.",
        "results": "Douze internes par an accueillis ; trois anciens internes installés en quatre ans.",
        "lessons": "Le logement est la condition, mais c'est la qualité de l'encadrement qui fait "
                   "revenir les jeunes médecins.",
        "budget_eur": 420000,
        "funders": ["ARS Occitanie", "Région Occitanie", "DETR"],
        "partners": ["Centre hospitalier de Figeac", "Faculté de santé de Toulouse"],
        "stage": "realise", "year": 2021,
    },
    {
        "n": 24, "author": ANNE, "status": "published", "published_at": "2025-10-07",
        "title": "Paimpol transforme une friche portuaire en jardin public",
        "summary": "Un ancien terrain de stockage du port, pollué et clôturé, devient un jardin ouvert "
                   "sur le bassin, avec des essences locales et une prairie inondable.",
        "commune_insee": "22162",
        "themes": ["nature-en-ville", "patrimoine-cadre-de-vie"],
        "context": "La friche de 1,3 hectare occupait le meilleur emplacement du port. Les projets "
                   "immobiliers successifs avaient échoué à cause de la dépollution.",
        "actions": "- Diagnostic de pollution et plan de gestion avec la DREAL.\n"
                   "- Confinement des terres sur place plutôt qu'évacuation.\n"
                   "- Plantations d'essences du littoral breton par un chantier d'insertion.\n"
                   "- Bancs et pontons réalisés avec le bois des anciens hangars.",
        "results": "Jardin ouvert au printemps 2025 ; coût de dépollution réduit de moitié grâce au "
                   "confinement.",
        "lessons": "Renoncer à construire sur la friche a débloqué le projet : les habitants "
                   "réclamaient surtout un accès à l'eau.",
        "budget_eur": 1850000,
        "funders": ["Fonds friches", "Région Bretagne", "Agence de l'eau Loire-Bretagne"],
        "partners": ["Conservatoire du littoral", "Chantier d'insertion Bois et Mer"],
        "stage": "realise", "year": 2022,
    },
    {
        "n": 25, "author": MARC, "status": "published", "published_at": "2024-08-27",
        "title": "Restaurer les remparts de Langres sans fermer le chemin de ronde",
        "summary": "Un programme pluriannuel de restauration des 3,5 km de remparts, mené tronçon par "
                   "tronçon pour garder le tour des remparts ouvert aux visiteurs.",
        "commune_insee": "52269",
        "themes": ["patrimoine-cadre-de-vie", "culture-tourisme"],
        "context": "Plusieurs pans de murailles menaçaient de s'effondrer et le chemin de ronde, "
                   "première attraction de la ville, risquait une fermeture complète.",
        "actions": "1. Diagnostic sanitaire complet par un architecte en chef des monuments "
                   "historiques.\n2. Découpage en douze tranches annuelles.\n3. Chantiers visibles, "
                   "expliqués par des panneaux et des visites guidées.\n4. Souscription publique avec "
                   "la Fondation du patrimoine.",
        "results": "Cinq tranches réalisées ; le chemin de ronde n'a jamais été fermé plus de 300 mètres "
                   "à la fois. La souscription a réuni 180 000 €.",
        "lessons": "Montrer le chantier en fait un événement touristique plutôt qu'une gêne.",
        "budget_eur": 6900000,
        "funders": ["DRAC Grand Est", "Région Grand Est", "Fondation du patrimoine",
                    "Département de la Haute-Marne"],
        "partners": ["Office de tourisme du Pays de Langres", "Compagnons du Devoir"],
        "stage": "en-cours", "year": 2018,
    },
    {
        "n": 26, "author": MARC, "status": "published", "published_at": "2025-07-08",
        "visibility": "members",
        "title": "Sedan : préparer la reprise des entreprises artisanales avant le départ du cédant",
        "summary": "Repérage des chefs d'entreprise de plus de 58 ans, diagnostic gratuit et mise en "
                   "relation avec des repreneurs : retour réservé aux membres, avec les outils de suivi "
                   "utilisés.",
        "commune_insee": "08409",
        "themes": ["economie-emploi"],
        "context": "Un tiers des artisans du bassin sedanais partira à la retraite dans les dix ans, "
                   "souvent sans avoir préparé la transmission.",
        "actions": "- Croisement des fichiers de la chambre de métiers et de l'Urssaf.\n"
                   "- Visite de 140 entreprises par un chargé de mission.\n"
                   "- Diagnostic de transmissibilité et valorisation par un expert-comptable.\n"
                   "- Bourse de reprise et prêts d'honneur pour les repreneurs.",
        "results": "27 reprises accompagnées en trois ans, 96 emplois maintenus.",
        "lessons": "Aborder la transmission cinq ans avant le départ, pas six mois.",
        "budget_eur": 230000,
        "funders": ["Région Grand Est", "Banque des territoires", "Territoires d'industrie"],
        "partners": ["Chambre de métiers et de l'artisanat des Ardennes", "Initiative Ardennes"],
        "stage": "en-cours", "year": 2022,
    },
    {
        "n": 27, "author": THOMAS, "status": "published", "published_at": "2024-12-03",
        "title": "Saint-Flour confie la programmation d'un lieu jeunesse à ses lycéens",
        "summary": "Un local en centre-ville, un budget annuel et un comité de jeunes qui décide des "
                   "ouvertures et des animations : la ville haute retrouve des adolescents le samedi.",
        "commune_insee": "15187",
        "themes": ["participation-citoyenne", "culture-tourisme"],
        "context": "Les jeunes du lycée et de l'internat n'avaient aucun lieu à eux en ville haute et "
                   "passaient leurs week-ends au supermarché de la ville basse.",
        "actions": "- Questionnaire et soirée de lancement au lycée.\n"
                   "- Prêt d'un ancien commerce par la commune, aménagé avec les jeunes.\n"
                   "- Comité de douze jeunes élus pour un an, avec un budget de 15 000 €.\n"
                   "- Animateur jeunesse présent aux heures d'ouverture.",
        "results": "Concerts, tournois de jeux vidéo et ateliers radio : 60 jeunes par week-end en "
                   "moyenne.",
        "lessons": "Laisser vraiment décider le comité, y compris quand ses choix surprennent.",
        "budget_eur": 75000,
        "funders": ["CAF du Cantal", "Ville de Saint-Flour", "Région Auvergne-Rhône-Alpes"],
        "partners": ["Lycée de Saint-Flour", "Mission locale"],
        "stage": "realise", "year": 2023,
    },
    {
        "n": 28, "author": ANNE, "status": "published", "published_at": "2025-11-04",
        "title": "Des logements étudiants dans un îlot dégradé de la ville haute de Corte",
        "summary": "Un îlot de quatre immeubles vacants racheté et réhabilité en 38 logements pour "
                   "les étudiants de l'Università di Corsica, à deux pas du campus.",
        "commune_insee": "2B096",
        "themes": ["logement-habitat", "patrimoine-cadre-de-vie"],
        "context": "Les étudiants peinaient à se loger à Corte pendant que des immeubles de la ville "
                   "haute tombaient en ruine.",
        "actions": "1. Déclaration d'utilité publique et acquisition des immeubles.\n"
                   "2. Réhabilitation par un bailleur social, en conservant les escaliers de pierre.\n"
                   "3. Gestion confiée au CROUS.",
        "results": "38 logements livrés à la rentrée 2025, tous occupés.",
        "lessons": "La procédure d'acquisition a duré trois ans : l'anticiper dans le calendrier.",
        "budget_eur": 4300000,
        "funders": ["Collectivité de Corse", "Banque des territoires", "Action logement"],
        "partners": ["CROUS de Corse", "Università di Corsica"],
        "stage": "realise", "year": 2021,
    },
    {
        "n": 29, "author": THOMAS, "status": "published", "published_at": "2025-08-19",
        "title": "Ambert ouvre un espace de coworking dans l'ancienne gare",
        "summary": "Fibre, bureaux fermés et salle de réunion dans la gare rénovée : des télétravailleurs "
                   "et des indépendants s'installent, et certains viennent de Lyon ou de Clermont.",
        "commune_insee": "63003",
        "themes": ["numerique", "economie-emploi"],
        "context": "La fibre était arrivée mais aucun lieu n'accueillait les actifs qui auraient pu "
                   "travailler à distance depuis le Livradois.",
        "actions": "- Rénovation du premier étage de la gare, propriété de la commune.\n"
                   "- Gestion confiée à une association d'utilisateurs.\n"
                   "- Offre « essai d'un mois » pour les nouveaux arrivants.",
        "results": "34 abonnés réguliers, dont 11 familles installées sur le territoire depuis "
                   "l'ouverture.",
        "lessons": "Un coworking rural vit de sa communauté : prévoir un temps d'animation dès le "
                   "départ.",
        "budget_eur": 340000,
        "funders": ["FNADT", "Région Auvergne-Rhône-Alpes", "LEADER"],
        "partners": ["Communauté de communes Ambert Livradois Forez", "Réseau des tiers-lieux"],
        "stage": "realise", "year": 2022,
    },
    {
        "n": 30, "author": LAURE, "status": "draft",
        "title": "Un réseau de chaleur au bois pour les équipements publics de Commer",
        "summary": "Étude en cours d'une chaufferie au bois local pour l'école, la salle des fêtes et la "
                   "mairie.",
        "commune_insee": "53072",
        "themes": ["transition-ecologique"],
        "context": "Les chaudières au fioul de l'école et de la mairie arrivent en fin de vie.",
        "actions": "- Étude d'opportunité avec le syndicat d'énergie.\n"
                   "- Rencontre d'agriculteurs producteurs de plaquettes de haies.",
        "budget_eur": 450000,
        "funders": ["ADEME", "Fonds vert"],
        "partners": ["Territoire d'énergie Mayenne"],
        "stage": "idee", "year": 2026,
    },
)
