"""A place and the institution word or acronym beside it name one organization (decide/org_places.py)."""

from __future__ import annotations

import pytest

from pseudonym_core.decide.explain import Trace
from pseudonym_core.decide.org_places import org_around_places
from pseudonym_core.detect.base import Span


def _grown(text: str, place: str, others: tuple[tuple[str, str], ...] = ()) -> list[tuple[str, str]]:
    start = text.index(place)
    kept = [Span(start, start + len(place), "LOCATION", 0.8, "cities")]
    for value, label in others:
        at = text.index(value)
        kept.append(Span(at, at + len(value), label, 0.8, "gazetteer"))
    return [(text[s.start : s.end], s.label) for s in org_around_places(text, kept, Trace(enabled=False))]


@pytest.mark.parametrize(
    ("text", "place", "organization"),
    [
        ("vom Notarzt (Berufsfeuerwehr München) gebracht", "München", "Berufsfeuerwehr München"),  # a compound's kind
        ("Workshop in der Stadtbibliothek Graz am Samstag", "Graz", "Stadtbibliothek Graz"),
        ("Welcome to Telecom Egypt live chat", "Egypt", "Telecom Egypt"),  # an English institution word
        ("Commissioner of Oaths: T. Mkhize, SAPS Umlazi, 031 907 4400", "Umlazi", "SAPS Umlazi"),  # an acronym
        ("a visa from the Embassy of Japan next week", "Japan", "Embassy of Japan"),  # a preposition between
        ("une chambre à l'Hôtel de Lyon ce soir", "Lyon", "Hôtel de Lyon"),
        ("GP: Dr A. Nwosu, Jericho Health Centre   Nominated pharmacy", "Jericho", "Jericho Health Centre"),
        ("the course at Oslo Voksenopplæring Rosenhof starts", "Oslo", "Oslo Voksenopplæring"),  # the kind after
    ],
)
def test_the_place_grows_into_the_organization(text: str, place: str, organization: str) -> None:
    assert (organization, "ORGANIZATION") in _grown(text, place)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Ich habe in München Urlaub gemacht", "München"),  # a noun, no institution word
        ("Our CEO London office moved. Visit UK London.", "London"),  # "CEO" is a word; "UK" a place
        ("I paid the Kasse. Berlin was cold", "Berlin"),  # a sentence ended before the place
        ("She flew from Paris to Berlin on Tuesday", "Berlin"),
        ("Ferienwohnung\nHamburg", "Hamburg"),  # a line break
        ("Hotel in Lalibela is booked under Dawit", "Lalibela"),  # English "in": a kind of place to stay
        ("The kindergarten is at Welhavens gate 71, 5006 Bergen", "Bergen"),  # lower-case words
        ("ZAKUP PRZY UŻYCIU KARTY WARSZAWA", "WARSZAWA"),  # capitals beside a place in capitals
        ("employed as a Transport Planner at your Stockport depot", "Stockport"),
        ("MCLE Compliance No. VII-0019441", "No"),  # two letters a model took for a place
    ],
)
def test_the_place_stays_a_place(text: str, place: str) -> None:
    assert _grown(text, place) == [(place, "LOCATION")]


def test_a_person_before_the_place_is_not_swallowed() -> None:
    text = "Termin bei Dr. Anna Kasse München"
    assert ("München", "LOCATION") in _grown(text, "München", (("Anna Kasse", "PERSON"),))


def test_the_pipeline_masks_the_whole_organization(pseudonymizer) -> None:
    text = "Die Patientin wurde vom Notarzt (Berufsfeuerwehr München) gebracht."
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert "Berufsfeuerwehr" not in result.text and "München" not in result.text
    assert any(e.label == "ORGANIZATION" and "Berufsfeuerwehr" in e.text for e in result.entities)
