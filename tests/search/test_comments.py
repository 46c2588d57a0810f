"""Comments in search: indexed through the change log with their write-up's facets, found as
matches inside their write-up, with a link to the comment; never what the reader may not see."""

from __future__ import annotations

import re

from pvd_network.discussions import services as discussions
from pvd_network.extensions import db
from pvd_network.search import indexer
from pvd_network.search import services as search_services
from pvd_network.search.services import Filters
from pvd_network.writeups import services as writeup_services
from tests.factories import make_user


def comment(writeup, body: str, first_name: str = "Paul"):
    author = make_user(first_name=first_name, last_name="Lefèvre")
    row = discussions.post_comment(writeup, author, body)
    db.session.commit()
    return row


def titles(page) -> list[str]:
    return [hit.writeup.title for hit in page.hits]


def test_a_write_up_is_found_through_its_discussion(app_ctx, publish, drained):
    health = publish("Une maison de santé", summary="Trois médecins installés.")
    publish("Une halle de marché", summary="Des producteurs le samedi.")
    answer = comment(health, "Nous avons aussi recruté une orthoptiste grâce au contrat local de santé.")
    drained()
    found = search_services.search("orthoptistes")  # plural, no accent: the French analyzer
    assert titles(found) == ["Une maison de santé"]
    hit = found.hits[0]
    assert hit.comment.id == answer.id
    assert "<mark>orthoptiste</mark>" in hit.comment_highlights
    assert found.total == 1 and found.facets["theme"] == {"services-publics": 1}


def test_a_matching_discussion_lifts_a_write_up(app_ctx, publish, drained):
    first = publish("Mobilité solidaire", summary="Un transport à la demande pour les aînés.")
    second = publish("Mobilité partagée", summary="Un transport à la demande pour les aînés.")
    comment(second, "Le transport à la demande a doublé sa fréquentation en un an.")
    drained()
    found = search_services.search("transport à la demande")
    assert titles(found) == ["Mobilité partagée", "Mobilité solidaire"]
    assert found.hits[0].comment is not None and found.hits[1].comment is None
    assert first.id != second.id


def test_the_results_page_links_the_comment(app, client, publish, drained):
    health = publish("Une maison de santé", summary="Trois médecins installés.")
    answer = comment(health, "Le contrat local de santé finance une orthoptiste <script>alert(1)</script>.")
    drained()
    html = client.get("/recherche?q=orthoptiste").get_data(as_text=True)
    assert "Dans la discussion, Paul Lefèvre :" in html
    assert re.search(rf'href="/commentaires/{answer.id}"[^>]*>Voir le commentaire', html)
    assert "<mark>orthoptiste</mark>" in html
    assert "<script>alert(1)</script>" not in html
    # A card holding a second link is not one big link.
    card = html[html.index('pvd-result"') - 80 : html.index('pvd-result"')]
    assert "fr-enlarge-link" not in card


def test_the_api_gives_the_comment(app, client, publish, drained):
    health = publish("Une maison de santé", summary="Trois médecins installés.")
    answer = comment(health, "Une orthoptiste vient deux jours par semaine.")
    publish("Une halle de marché", summary="Une orthoptiste y tient une permanence.")
    drained()
    results = client.get("/api/v1/search?q=orthoptiste").get_json()["results"]
    by_title = {item["title"]: item for item in results}
    assert by_title["Une halle de marché"]["comment"] is None
    found = by_title["Une maison de santé"]["comment"]
    assert found["id"] == answer.id and found["author"] == "Paul Lefèvre"
    assert found["url"].endswith(f"#commentaire-{answer.id}")
    assert "<mark>orthoptiste</mark>" in found["highlights"]


def test_members_only_discussions_stay_with_members(app_ctx, publish, drained):
    secret = publish("Un tiers-lieu", summary="Un atelier partagé.", visibility="members")
    comment(secret, "Le fablab prête une découpeuse laser.")
    drained()
    assert search_services.search("découpeuse").total == 0
    member = make_user()
    assert titles(search_services.search("découpeuse", viewer=member)) == ["Un tiers-lieu"]


def test_filters_apply_to_comments(app_ctx, publish, drained):
    bikes = publish("Des vélos pour le collège", themes=["mobilite"])
    comment(bikes, "Une orthoptiste a vérifié la vue des élèves cyclistes.")
    drained()
    assert search_services.search("orthoptiste", Filters(theme=["mobilite"])).total == 1
    assert search_services.search("orthoptiste", Filters(theme=["acces-aux-soins"])).total == 0
    assert search_services.search("orthoptiste", Filters(region=["44"])).total == 1
    assert search_services.search("orthoptiste", Filters(region=["11"])).total == 0


def test_deleted_and_hidden_comments_leave_search(app_ctx, publish, drained):
    health = publish("Une maison de santé")
    deleted = comment(health, "Une orthoptiste le mardi.")
    hidden = comment(health, "Un podologue le jeudi.")
    drained()
    assert search_services.search("orthoptiste").total == 1
    assert search_services.search("podologue").total == 1
    discussions.delete_comment(deleted, by=deleted.author)
    discussions.hide_comment(hidden, by=None, reason="Hors sujet")
    db.session.commit()
    drained()
    assert search_services.search("orthoptiste").total == 0
    assert search_services.search("podologue").total == 0


def test_a_hidden_comment_is_never_shown_even_before_the_drain(app_ctx, publish, drained):
    health = publish("Une maison de santé")
    hidden = comment(health, "Un podologue le jeudi.")
    drained()
    hidden.hidden_at = hidden.created_at  # in the database only: the index still has it
    db.session.commit()
    found = search_services.search("podologue")
    assert all(hit.comment is None for hit in found.hits)


def test_comments_follow_their_write_up(app_ctx, publish, drained):
    bikes = publish("Des vélos pour le collège", themes=["mobilite"])
    comment(bikes, "Une orthoptiste a vérifié la vue des élèves cyclistes.")
    drained()
    writeup_services.update_writeup(bikes, {"themes": ["acces-aux-soins"]}, editor=None)
    db.session.commit()
    drained()
    assert search_services.search("orthoptiste", Filters(theme=["acces-aux-soins"])).total == 1
    writeup_services.archive(bikes, by=None)
    db.session.commit()
    drained()
    assert search_services.search("orthoptiste").total == 0
    assert indexer.index_status()["documents"] == 0


def test_author_filters_name_write_up_authors_not_commenters(app_ctx, publish, drained):
    health = publish("Une maison de santé")
    comment(health, "Une orthoptiste le mardi.", first_name="Zoé")
    drained()
    assert search_services.search("orthoptiste auteur:Zoé").total == 0
    assert search_services.search("orthoptiste auteur:Claire").total == 1


def test_rebuild_and_check_count_comments(app_ctx, publish, drained):
    health = publish("Une maison de santé")
    comment(health, "Une orthoptiste le mardi.")
    comment(health, "Un podologue le jeudi.")
    drained()
    assert indexer.index_status()["documents"] == 3
    indexer.rebuild()
    search_services.reset()
    assert indexer.index_status()["documents"] == 3
    assert search_services.search("podologue").total == 1
    assert indexer.check() == {"missing": [], "extra": [], "repaired": False}


def test_sync_rebuilds_an_index_built_with_an_earlier_schema(app, runner, publish, drained):
    from whoosh.fields import ID

    health = publish("Une maison de santé")
    comment(health, "Une orthoptiste le mardi.")
    drained()
    assert indexer.schema_is_current()
    # An index of the earlier version: `kind` was not a column.
    generation = indexer.current_generation()
    writer = generation.open().writer()
    writer.remove_field("kind")
    writer.add_field("kind", ID(stored=True))
    writer.commit()
    assert not indexer.schema_is_current()
    result = runner.invoke(args=["search", "sync"])
    assert "rebuilding it" in result.output and result.exit_code == 0
    assert indexer.schema_is_current()
    search_services.reset()
    assert search_services.search("orthoptiste").total == 1


def test_many_matching_comments_lift_their_write_ups_without_scoring_each(app_ctx, publish, drained,
                                                                           monkeypatch):
    from pvd_network.search import comments as search_comments

    monkeypatch.setattr(search_comments, "EXACT_COMMENTS", 0)  # every query counts as common words
    first = publish("Mobilité solidaire", summary="Un transport à la demande pour les aînés.")
    second = publish("Mobilité partagée", summary="Un transport à la demande pour les aînés.")
    comment(second, "Le transport à la demande dessert aussi le marché.")
    newest = comment(second, "Le transport à la demande a doublé sa fréquentation.")
    health = publish("Une maison de santé")
    comment(health, "Le transport à la demande passe devant la maison de santé.")
    drained()
    found = search_services.search("transport à la demande")
    assert titles(found)[0] == "Mobilité partagée"
    assert found.hits[0].comment.id == newest.id  # the newest matching comment stands for them
    assert set(titles(found)) == {"Mobilité partagée", "Mobilité solidaire", "Une maison de santé"}
    assert first.id != second.id
