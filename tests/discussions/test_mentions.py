"""``@Prénom Nom`` mentions: which text becomes a profile link, and the member suggestions API."""
from __future__ import annotations

import pytest
from markupsafe import escape

from pvd_network.core.markup import render_markdown
from pvd_network.discussions.mentions import link_mentions
from tests.factories import make_user


@pytest.fixture
def people(app_ctx):
    return {
        "claire": make_user(first_name="Claire", last_name="Martin"),
        "jp": make_user(first_name="Jean-Pierre", last_name="N'Diaye"),
        "elodie": make_user(first_name="Élodie", last_name="Roux", function="partenaire",
                            organisation="Banque des territoires", commune_insee="10387"),
        "gone": make_user(first_name="Paul", last_name="Parti", status="suspended"),
    }


def link(user) -> str:
    return f'<a href="/membres/{user.id}" rel="nofollow ugc noopener">@{escape(user.display_name)}</a>'


def render(source: str, prefer=()):
    return link_mentions(render_markdown(source), prefer=prefer)


def test_names_become_profile_links(people):
    result = render("Merci @Claire Martin, et @jean-pierre n'diaye : vous confirmez ?")
    assert result.html == f"<p>Merci {link(people['claire'])}, et {link(people['jp'])} : vous confirmez ?</p>"
    assert [user.id for user in result.mentioned] == [people["claire"].id, people["jp"].id]


def test_accents_and_case_do_not_matter_but_the_longest_name_wins(people):
    result = render("@elodie roux regardez")
    assert result.html == f"<p>{link(people['elodie'])} regardez</p>"


@pytest.mark.parametrize("source", [
    "Écrivez à claire@martin.fr",          # an address, not a mention
    "`@Claire Martin` dans du code",       # code is left alone
    "    @Claire Martin\n",                # a code block too
    "[@Claire Martin](https://example.org)",  # already a link
    "@Paul Parti est suspendu",            # not an active member
    "@Personne Inconnue",                  # nobody of that name
    "@ Claire Martin",                     # nothing right after the @
])
def test_what_is_not_a_mention(people, source):
    result = render(source)
    assert "/membres/" not in result.html
    assert result.mentioned == []


def test_quoted_mentions_are_linked_but_nobody_is_notified(people):
    result = render("> **Claire Martin** a écrit :\n> Merci @Jean-Pierre N'Diaye\n\nD'accord.")
    assert link(people["jp"]) in result.html
    assert result.mentioned == []


def test_homonyms_go_to_the_participant(app_ctx, people):
    other = make_user(first_name="Claire", last_name="Martin")
    assert render("@Claire Martin").mentioned[0].id == people["claire"].id  # the oldest account
    assert render("@Claire Martin", prefer=[other.id]).mentioned[0].id == other.id


def test_mention_text_is_escaped(app_ctx):
    tricky = make_user(first_name="Anne", last_name="O'Brien-Smith")
    result = render("Bonjour @Anne O'Brien-Smith <b>gras</b> & co")
    expected = f'<a href="/membres/{tricky.id}" rel="nofollow ugc noopener">@Anne O&#39;Brien-Smith</a>'
    assert expected in result.html
    assert "&lt;b&gt;gras&lt;/b&gt; &amp; co" in result.html


# --- Suggestions ------------------------------------------------------------------------------


def test_members_get_suggestions(app, client, login_as, people):
    me = login_as("member", first_name="Claude", last_name="Clair")
    data = client.get("/api/v1/members/suggest?q=%C3%A9lo").get_json()
    assert data["query"] == "élo"
    assert data["results"] == [{"id": people["elodie"].id, "name": "Élodie Roux",
                                "detail": "Partenaire · Troyes", "url": f"/membres/{people['elodie'].id}"}]
    # First or last name, folded; never oneself nor inactive accounts.
    names = [r["name"] for r in client.get("/api/v1/members/suggest?q=CLA").get_json()["results"]]
    assert names == ["Claire Martin"] and me.display_name not in names
    assert client.get("/api/v1/members/suggest?q=ndiaye").get_json()["results"] == []
    assert [r["name"] for r in client.get("/api/v1/members/suggest?q=n%27d").get_json()["results"]] == [
        "Jean-Pierre N'Diaye"]
    assert client.get("/api/v1/members/suggest?q=parti").get_json()["results"] == []
    assert client.get("/api/v1/members/suggest?q=").get_json()["results"] == []


def test_at_most_eight_suggestions(app, client, login_as):
    with app.app_context():
        for n in range(12):
            make_user(first_name="Martine", last_name=f"Nom{n:02d}")
    login_as("member")
    results = client.get("/api/v1/members/suggest?q=martine").get_json()["results"]
    assert len(results) == 8
    assert [r["name"] for r in results] == [f"Martine Nom{n:02d}" for n in range(8)]


def test_suggestions_refuse_visitors_and_long_queries(client, login_as):
    response = client.get("/api/v1/members/suggest?q=cla")
    assert response.status_code == 401 and response.mimetype == "application/json"
    assert response.get_json()["error"]["message"] == "Connectez-vous pour mentionner des membres."
    login_as("member")
    response = client.get("/api/v1/members/suggest?q=" + "a" * 101)
    assert response.status_code == 400
    assert "100 caractères au plus" in response.get_json()["error"]["message"]
