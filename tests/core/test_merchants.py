"""The payee of a card payment on a statement line or in a chat is an organization (detect/merchants.py)."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.detect.merchants import merchant_spans


def _payees(text: str) -> list[str]:
    return [text[a:b] for a, b in merchant_spans(text)]


@pytest.mark.parametrize(
    ("text", "payee"),
    [
        ("03 Feb 2025  CARD PAYMENT TESCO STORES 3412 SOUTHALL               42.18", "TESCO STORES"),
        ('2025-02-03;"ZAKUP PRZY UŻYCIU KARTY BIEDRONKA 4512 WARSZAWA";"eKonto 4437"', "BIEDRONKA"),
        ('2025-02-07;"ZAKUP PRZY UŻYCIU KARTY ORLEN STACJA NR 812 PIASECZNO";', "ORLEN"),
        ("  07/03/2025  COMPRA TARJ. 5521 84** **** 4272 AMZN MKTP ES           -189,90 €", "AMZN MKTP"),
        ("14 FEB   CARD *3302 ROSE & SONS FLORIST BEARWOOD           34.99", "ROSE & SONS FLORIST BEARWOOD"),
        ("24.03       Płatność kartą orlen stacja 4417         -320,00", "orlen"),  # any case after that marker
        ("hi my monzo card got declined at sainsburys twice today", "sainsburys"),
        ("Sipho says the business card was declined at Woolworths on Friday", "Woolworths"),
    ],
)
def test_the_payee_after_a_card_payment(text: str, payee: str) -> None:
    assert payee in _payees(text)


@pytest.mark.parametrize(
    "text",
    [
        "the card payment to the landlord failed",  # English prose: the payee must be in capitals
        "Pay by card. Card details are below",
        "CARD PAYMENT REFUND 12.00",  # ordinary words
        "we were declined at the door",
        "a card from Mum and a POS system",
        "in je Rabo App en je betaalpas met nummer 6762 1883 0041 5773",  # a word after the marker
    ],
)
def test_ordinary_words_after_a_card_are_no_payee(text: str) -> None:
    assert _payees(text) == []


def test_a_payee_is_masked_as_an_organization(pseudonymizer: Pseudonymizer) -> None:
    text = "03 Feb 2025  CARD PAYMENT TESCO STORES 3412 SOUTHALL               42.18"
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert [e.label for e in result.entities if e.text == "TESCO STORES"] == ["ORGANIZATION"]


@pytest.mark.parametrize(
    ("text", "shop"),
    [
        ('Chat Tokopedia – Toko "Batik Sekar Wangi Official" ↔ pembeli dewi_rahayu88', "Batik Sekar Wangi Official"),
        ('แชทร้านค้า Shopee · ร้าน "บ้านผ้าไหมคุณยาย" · 12/03/2025', "บ้านผ้าไหมคุณยาย"),
    ],
)
def test_a_shop_named_in_quotes_after_its_kind(text: str, shop: str) -> None:
    from pseudonym_core.detect.brands import BrandDetector

    assert shop in [text[s.start : s.end] for s in BrandDetector().detect(text)]


def test_quoted_ordinary_words_after_shop_stay() -> None:
    from pseudonym_core.detect.brands import BrandDetector

    assert BrandDetector().detect('the shop "Sale" items and the store "Home Goods" sign') == []
