"""Address chains (decide/addresses.py): the comma-separated parts around a detected place join it
as one ADDRESS when they look like pieces of an address and one of them carries a number; lists
of places, times, years, people and IDs next to a place stay as they are."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.decide.addresses import join_address_chains
from pseudonym_core.decide.explain import Trace
from pseudonym_core.detect.base import Span


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("Lieferadresse: Boxhagener Str. 73, Hinterhaus 3. OG, 10245 Berlin\nDanke", ["73", "3. OG", "10245"]),
        ("Domicilio: Av. Corrientes 2547, Piso 8 Dto. C, C1046AAD CABA, Argentina | Tel.: +54 9 11 4782-3390",
         ["2547", "Piso 8", "C1046AAD"]),
        ("The premises is Building 41, Street 820, Zone 40, Al Sadd, Doha, correct?", ["41", "820", "Zone 40"]),
        ("PRESENT ADDRESS: FLAT 302, SAI RESIDENCY, 14TH CROSS, INDIRANAGAR, BENGALURU 560038", ["302", "560038"]),
        ("Delivery: 12, Teheran-ro 8-gil, Gangnam-gu, Seoul 06236 before noon.", ["Teheran-ro 8-gil", "06236"]),
        # floors, sides and doors in lower case; a street span that already crossed a comma
        ("Sr. D. Iker Etxeberria, Calle Licenciado Poza 31, 4º izda., 48011 Bilbao (Bizkaia)",
         ["4º izda.", "48011", "(Bizkaia)"]),
        ("Adresse : Avenue Brugmann 214, boîte 3, 1180 Uccle", ["boîte 3", "1180"]),
        ("Nuova abitazione: Via del Pratello 44, scala B, int. 7, 40122 Bologna", ["scala B", "int. 7", "40122"]),
        ("+45 28 41 70 93, Jægergårdsgade 88, 2. th., 8000 Aarhus C.", ["2. th.", "8000"]),
        ("demeurant 45 avenue Berthelot, Bât. C, 69007 Lyon, a été employée", ["Bât. C", "69007"]),
        ("Dirección: Calle Prim 17, 4º izda., 20006 Donostia-San Sebastián (Gipuzkoa)", ["4º izda.", "(Gipuzkoa)"]),
    ],
)
def test_the_numbers_and_units_around_a_place_go_with_it(
    pseudonymizer: Pseudonymizer, text: str, pieces: list[str]
) -> None:
    session = pseudonymizer.session()
    result = pseudonymizer.pseudonymize(text, session=session)
    # the pieces lie inside one replaced address (its digits may recur by chance in a surrogate): joined
    # by the chain rule (ADDRESS) or found whole by the address detector (LOCATION, as its other
    # street addresses; both get the same country-keeping surrogate)
    starts = [text.index(piece) for piece in pieces]
    whole = [
        e
        for e in result.entities
        if all(e.start <= s and s + len(p) <= e.end for s, p in zip(starts, pieces, strict=True))
    ]
    assert whole and whole[0].label in ("ADDRESS", "LOCATION"), pieces
    assert pseudonymizer.restore(result.text, session=session) == text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Offices in Paris, London and Berlin.", []),
        ("I moved to Berlin, 10 years ago.", ["10 years ago"]),
        ("Teams interview any day after 14:00, UK time.", ["14:00"]),
        ("Our team in Berlin, 2024 was great.", ["2024"]),
        ("Article 15 UK applies.", ["Article 15"]),
        ("Employee #T-20455, Lakeview Insurance Brokers Inc., Toronto", []),
    ],
)
def test_what_is_no_address_is_not_joined(pseudonymizer: Pseudonymizer, text: str, kept: list[str]) -> None:
    result = pseudonymizer.pseudonymize(text)
    assert "ADDRESS" not in {e.label for e in result.entities}, [(e.text, e.label) for e in result.entities]
    for piece in kept:
        assert piece in result.text


def test_a_person_before_an_address_stays_a_person(pseudonymizer: Pseudonymizer) -> None:
    text = "Tenant: Rosa María Delgado, residing at 4471 Alvarado Street, Los Angeles, CA 90026."
    labels = {e.text: e.label for e in pseudonymizer.pseudonymize(text).entities}
    assert labels.get("Rosa María Delgado") == "PERSON"
    assert any(v in ("ADDRESS", "LOCATION") and "4471" in k and "90026" in k for k, v in labels.items()), labels


def test_a_chain_replaces_its_pieces_and_explains_itself() -> None:
    text = "Via dei Serpenti 48, 00184 Roma RM, Italia"
    spans = [Span(0, 19, "LOCATION", 0.8, "address"), Span(27, 31, "LOCATION", 0.8, "cities"),
             Span(36, 42, "LOCATION", 0.8, "cities")]  # fmt: skip
    trace = Trace(enabled=True)
    out = join_address_chains(text, spans, trace)
    assert [(s.start, s.end, s.label, s.source) for s in out] == [(0, len(text), "ADDRESS", "address-chain")]
    assert any("address" in rule for rule in trace.rules_for(0, len(text)))
    phone = [*spans, Span(44, 56, "PHONE_NUMBER", 0.9, "patterns")]
    assert join_address_chains(text + ", +39 06 1234567", phone, Trace())[-1].label == "PHONE_NUMBER"


def test_a_place_at_a_line_end_does_not_take_the_next_line(pseudonymizer: Pseudonymizer) -> None:
    """Rampart read "Berlin\\nDanke" as one place, and the merge of address parts joined across the
    line break: the greeting became part of the address (and its surrogate)."""
    text = "Lieferadresse: Boxhagener Str. 73, Hinterhaus 3. OG, 10245 Berlin\nDanke und Grüße"
    result = pseudonymizer.pseudonymize(text)
    assert all("\n" not in e.text for e in result.entities), [(e.text, e.label) for e in result.entities]
    assert any(e.text.endswith("10245 Berlin") and e.label == "ADDRESS" for e in result.entities)


@pytest.mark.parametrize(
    "text",
    [
        "Revenue in Germany, Q3 2024, rose sharply.",
        "Anna Schmidt, 42, Munich, joined in May.",
        "Lagos, Nigeria, BMI 31 at intake.",
        "Rome, 2 Adults, 3 Nights, Breakfast Included",
        "London, Windows 11, Python 3.12 on the laptop",
        "Tenant Anna Schmidt, 42, of 7 Brookfield Avenue, Ealing.",
    ],
)
def test_numbers_that_are_no_address_do_not_make_a_chain(pseudonymizer: Pseudonymizer, text: str) -> None:
    """A chain needs an address's own signal (a street or unit word, a postcode shape, a numbered
    word of an uncased script), and a person's name between places ends it."""
    entities = pseudonymizer.pseudonymize(text).entities
    chained = [e.text for e in entities if e.label == "ADDRESS" and "," in e.text]
    assert not any("Anna Schmidt" in c or "Q3" in c or "BMI" in c or "Adults" in c or "Python" in c for c in chained)


def test_chains_stay_linear_on_a_long_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of places in one text: each seed reads the spans of its own clause only, not the
    whole list (rule 13: that made deciding quadratic)."""
    from pseudonym_core.decide import addresses

    line = "Via dei Serpenti 48, 00184 Roma RM, Italia\n"
    spans = []
    for k in range(3000):
        base = k * len(line)
        spans += [Span(base, base + 19, "LOCATION", 0.8, "address"), Span(base + 27, base + 31, "LOCATION", 0.8, "c"),
                  Span(base + 36, base + 42, "LOCATION", 0.8, "c")]  # fmt: skip
    read: list[int] = []
    chain = addresses._chain
    monkeypatch.setattr(addresses, "_chain", lambda text, seed, near: read.append(len(near)) or chain(text, seed, near))
    out = join_address_chains(line * 3000, spans, Trace())
    assert len(out) == 3000 and all(s.label == "ADDRESS" for s in out)
    assert max(read) <= 6


@pytest.mark.parametrize(
    "text", ["Ship to Main Street 12, Springfield (Home) please.", "Main Street 12, Springfield (see map)"]
)
def test_a_bracketed_common_word_after_an_address_stays_in_clear(pseudonymizer: Pseudonymizer, text: str) -> None:
    result = pseudonymizer.pseudonymize(text)
    bracket = text.index("(")
    assert not any(e.start <= bracket < e.end for e in result.entities), [e.text for e in result.entities]
