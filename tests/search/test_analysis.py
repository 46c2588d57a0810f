"""The French analyzer: elisions, accents before stemming, plurals, stop words."""

from __future__ import annotations

import pytest

from pvd_network.search.analysis import analyse


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("mediatheque", "médiathèque"),
        ("mobilite", "mobilité"),
        ("commerce vacant", "commerces vacants"),
        ("l'école", "école"),
        ("L’École", "écoles"),
        ("restaurer", "restauration"),
        ("jusqu'au centre", "centre"),
        ("cœur de ville", "coeur ville"),
    ],
)
def test_typed_and_written_forms_meet(typed, written):
    assert analyse(typed) == analyse(written)


def test_stop_words_are_dropped_accents_included():
    assert analyse("le la les des été à où") == []


def test_accents_are_folded_before_stemming():
    # The stemmer alone gives "mobil" for "mobilité" but "mobilit" for "mobilite".
    assert analyse("mobilité") == analyse("mobilite") == ["mobilit"]
