"""The dashboard: waiting items and the oldest one's age, decisions per week, reports by reason,
publications per theme and per région and month — SVG charts with their data tables."""
from __future__ import annotations

import re
from datetime import timedelta

from pvd_network.auth.models import User
from pvd_network.core.database import utcnow
from pvd_network.extensions import db
from pvd_network.moderation import charts, dashboard
from pvd_network.moderation.audit import record
from pvd_network.moderation.models import Report
from tests.factories import make_writeup
from tests.moderation.conftest import as_user, text


def seed(app, cast) -> None:
    now = utcnow()
    with app.app_context():
        author = db.session.get(User, cast.author.id)
        old = make_writeup(author, status="submitted")
        old.submitted_at = now - timedelta(days=5, hours=1)
        make_writeup(author, status="submitted", commune_insee="29019")
        for months_ago, theme, commune in ((0, "mobilite", "55122"), (0, "mobilite", "55122"),
                                           (2, "acces-aux-soins", "55122"), (3, "mobilite", "29019")):
            make_writeup(author, themes=[theme], commune_insee=commune,
                         published_at=now - timedelta(days=31 * months_ago))
        reported = make_writeup(author, title="Un retour signalé")
        for member, reason in zip(cast.members, ("spam", "spam", "autre"), strict=True):
            db.session.add(Report(reporter_id=member.id, writeup_id=reported.id, reason=reason, text="x",
                                  created_at=now - timedelta(days=2)))
        marc = db.session.get(User, cast.moderator.id)
        for days_ago in (0, 0, 1, 15):
            row = record("publish", "writeup", old.id, by=marc, region_code="44")
            row.created_at = now - timedelta(days=days_ago)
        record("auto_hide", "writeup", old.id, by=None, region_code="44")  # not a moderator's decision
        db.session.commit()


def tables(html: str) -> dict[str, list[list[str]]]:
    """Each table of the page by caption: its rows of cell texts."""
    result = {}
    for caption, body in re.findall(r"<caption>(.*?)</caption>(.*?)</table>", html, re.S):
        rows = []
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
            rows.append([re.sub(r"<[^>]+>|\s+", " ", cell).strip()
                         for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)])
        result[caption.strip()] = rows
    return result


def test_dashboard_figures_and_charts(app, client, cast):
    seed(app, cast)
    as_user(client, cast.admin)
    response = client.get("/moderation/tableau-de-bord")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    body = text(response)
    assert "2 retours à relire" in body and "Le plus ancien attend depuis 5 jours" in body
    assert "1 contenu signalé à examiner" in body and "Le plus ancien attend depuis 2 jours" in body

    found = tables(html)
    weeks = found["Décisions par semaine (12 dernières semaines)"]
    assert len(weeks) == 13  # header + 12 weeks
    assert sum(int(row[1]) for row in weeks[1:]) == 4  # the automatic hiding is not counted
    assert weeks[-1][1] in ("2", "3")  # this week: today's two (and yesterday's, unless a Monday)
    reasons = dict(found["Signalements par raison (12 dernières semaines)"][1:])
    assert reasons == {"Spam": "2", "Hors sujet": "0", "Propos inappropriés": "0",
                       "Données personnelles": "0", "Autre": "1"}
    themes = {row[0]: row[1:] for row in found["Retours publiés par thématique et par mois"][1:]}
    assert themes["Mobilité"][-1] == "3" and themes["Mobilité"][-2] == "2"  # total, then this month
    assert themes["Accès aux soins"][-1] == "2"  # the reported one is in "Accès aux soins" too
    regions = {row[0]: row[-1] for row in found["Retours publiés par région et par mois"][1:]}
    assert regions == {"Grand Est": "4", "Bretagne": "1"}

    # Every chart is an image named by its heading and summary; no inline style anywhere.
    svgs = re.findall(r"<svg class=\"pvd-(?:chart|spark)__svg\"[^>]*>", html)
    assert len(svgs) == 2 + len(themes) + len(regions)
    for svg in svgs:
        assert 'role="img"' in svg
        for ident in re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split():
            assert f'id="{ident}"' in html
    assert "style=" not in html.split("<main")[1]


def test_moderators_see_their_regions_figures(app, client, cast):
    seed(app, cast)
    as_user(client, cast.other_moderator)  # Bretagne
    response = client.get("/moderation/tableau-de-bord")
    body = text(response)
    assert "Chiffres de vos régions : Bretagne." in body
    assert "1 retour à relire" in body and "0 contenus signalés à examiner" in body
    found = tables(response.get_data(as_text=True))
    regions = {row[0] for row in found["Retours publiés par région et par mois"][1:]}
    assert regions == {"Bretagne"}


def test_empty_dashboard(app, client, cast):
    as_user(client, cast.moderator)
    body = text(client.get("/moderation/tableau-de-bord"))
    assert "Rien en attente" in body and "Aucun retour publié sur la période." in body


def test_week_and_month_buckets():
    from datetime import date

    assert dashboard.week_start(date(2025, 3, 16)) == date(2025, 3, 10)
    assert dashboard.weeks(date(2025, 3, 12))[-1] == date(2025, 3, 10)
    assert len(dashboard.weeks(date(2025, 3, 12))) == 12
    months = dashboard.months(date(2025, 3, 31))
    assert months[0] == date(2024, 4, 1) and months[-1] == date(2025, 3, 1) and len(months) == 12


def test_nice_axis_top():
    assert [charts.nice_max(v) for v in (0, 1, 3, 7, 12, 50, 51, 180)] == [1, 1, 5, 10, 20, 50, 100, 200]


def test_charts_keep_their_geometry_inside_the_drawing():
    chart = charts.vertical_bars("c", "t", "s", [("a", "A", 0), ("b", "B", 5), ("c", "C", 3)], ("x", "y"))
    assert chart.bars[0].height == 0
    assert max(bar.height for bar in chart.bars) <= chart.baseline
    assert all(0 <= bar.x <= chart.width for bar in chart.bars)
