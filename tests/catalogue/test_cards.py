"""Cards read as plain rows (catalogue/cards.py) list what the write-up listing lists, in its
order, with each write-up's themes, commune and author as the card shows them."""
from __future__ import annotations

from sqlalchemy import update

from pvd_network.auth.models import STATUS_DELETED, User
from pvd_network.catalogue import services
from pvd_network.catalogue.cards import card_page
from pvd_network.catalogue.services import Filters
from pvd_network.core.pagination import paginate
from pvd_network.extensions import db
from pvd_network.themes.services import get_by_slug
from pvd_network.writeups.models import Writeup
from tests.factories import make_user, make_writeup


def test_cards_are_the_listing_s_write_ups_in_its_order(app_ctx):
    author = make_user(first_name="Claire", last_name="Martin")
    for n in range(7):
        make_writeup(author, title=f"Retour {n}", themes=["mobilite", "acces-aux-soins"][: 1 + n % 2],
                     visibility="members" if n == 3 else "public")
    for filters in (Filters(), Filters(theme=get_by_slug("mobilite")), Filters(sort=services.SORT_USEFUL)):
        for number in (1, 2, 3):
            cards = card_page(None, filters, number, 3)
            writeups = paginate(services.listing(None, filters), number, 3)
            assert [card.id for card in cards.items] == [w.id for w in writeups.items]
            assert (cards.number, cards.total) == (writeups.number, writeups.total)
    card = next(c for c in card_page(None, Filters(), 1, 10).items if c.title == "Retour 1")
    # Themes in display order (position), as Writeup.themes orders them.
    assert [theme.name for theme in card.themes] == ["Accès aux soins", "Mobilité"]
    assert (card.commune.name, card.commune.department.code) == ("Commercy", "55")
    assert (card.author.display_name, card.author.is_deleted) == ("Claire Martin", False)
    assert "Retour 3" not in [c.title for c in card_page(None, Filters(), 1, 10).items]  # members only


def test_a_deleted_or_missing_author_is_not_named(app_ctx):
    gone = make_user(first_name="Paul")
    make_writeup(gone, title="Auteur supprimé")
    orphan = make_writeup(make_user(first_name="Léa"), title="Sans auteur")
    db.session.execute(update(User).where(User.id == gone.id).values(status=STATUS_DELETED))
    db.session.execute(update(Writeup).where(Writeup.id == orphan.id).values(author_id=None))
    db.session.commit()
    cards = {card.title: card for card in card_page(None, Filters(), 1, 10).items}
    assert cards["Auteur supprimé"].author.is_deleted
    assert cards["Auteur supprimé"].author.display_name == "Ancien membre"
    assert cards["Sans auteur"].author is None
