"""Every moderation page type is valid HTML (Nu validator), with data and with errors shown.

They are pages of signed-in staff or members, so they are checked here rather than in the
anonymous list of tests/test_html_validity.py.
"""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pvd_network.core.database import utcnow
from pvd_network.extensions import db
from pvd_network.moderation.models import Report
from tests.helpers import csrf_token
from tests.moderation.conftest import as_user, decide, new_comment, new_writeup
from tests.test_html_validity import validate


def test_moderation_pages_are_valid_html(app, client, cast, tmp_path):
    app.config["REQUIRE_APPROVAL"] = True
    submitted = new_writeup(app, cast.author, status="submitted", title="Une halle <rénovée> & animée")
    published = new_writeup(app, cast.author, title="Un marché de producteurs")
    comment = new_comment(app, published, cast.members[0], "Un **commentaire** avec [un lien](https://a.example).")
    with app.app_context():
        from tests.factories import make_user

        pending = make_user(first_name="Paul", last_name="Attente", status="pending")
        for member in cast.members[1:]:
            db.session.add(Report(reporter_id=member.id, comment_id=comment, reason="autre",
                                  text="Hors charte."))
        db.session.add(Report(reporter_id=cast.members[0].id, writeup_id=published, reason="spam"))
        db.session.commit()
    pages: dict[str, bytes] = {}

    def get(name: str, url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        pages[name] = response.data

    as_user(client, cast.moderator)
    decide(client, f"/moderation/retours/{published}", "lock", "Débat trop vif.")
    get("queue", "/moderation")
    get("queue-accounts", "/moderation/inscriptions")
    get("queue-reports", "/moderation/signalements")
    get("writeup-submitted", f"/moderation/retours/{submitted}")
    get("writeup-published", f"/moderation/retours/{published}")
    get("comment", f"/moderation/commentaires/{comment}")
    get("member", f"/moderation/membres/{cast.members[0].id}")
    get("journal", "/moderation/journal")
    get("dashboard", "/moderation/tableau-de-bord")
    pages["writeup-page-panel"] = client.get(f"/retours/{published}", follow_redirects=True).data
    pages["reject-errors"] = decide(client, f"/moderation/retours/{submitted}", "reject", "").data
    until = (utcnow() - timedelta(days=1)).date().isoformat()
    pages["suspend-errors"] = decide(client, f"/moderation/membres/{cast.members[0].id}", "suspend", "",
                                     until=until).data
    pages["journal-errors"] = client.get("/moderation/journal?du=32/13/2020&action=x").data
    token = csrf_token(client.get("/moderation/inscriptions").data)
    refused = client.post(f"/moderation/inscriptions/{pending.id}/decision", data={
        "csrf_token": token, "action": "refuse", "state": "pending", "reason": ""})
    assert refused.status_code == 400
    pages["accounts-errors"] = refused.data

    as_user(client, cast.members[1])
    get("report-writeup", f"/retours/{published}/signaler")
    pages["report-errors"] = client.post(f"/retours/{published}/signaler", data={
        "csrf_token": csrf_token(pages["report-writeup"]), "reason": "autre", "text": ""}).data
    get("report-comment-already", f"/commentaires/{comment}/signaler")

    files = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(html)
        files.append(path)
    errors = validate(files)
    report = "\n".join(f"{Path(e.get('url', '')).name}:{e.get('lastLine')}: {e['message']}" for e in errors)
    assert not errors, "invalid HTML:\n" + report
