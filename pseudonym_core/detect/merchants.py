"""Merchants of card payments: the shop a statement line or a chat says a card was used at.

Bank statements name the payee after a payment marker, in capitals, before the store number,
the town or the amount: "CARD PAYMENT TESCO STORES 3412 SOUTHALL", "ZAKUP PRZY UŻYCIU KARTY
BIEDRONKA 4512 WARSZAWA", "COMPRA TARJ. 5521 84** **** 4272 AMZN MKTP ES", "CARD *3302 ROSE & SONS
FLORIST". Chats say where a card failed: "my card got declined at sainsburys". The payee says where
someone shops, eats and lives, and no model or word list knows most of them.
"""

from __future__ import annotations

import re

#: Markers of a card payment that only statements write; the payee after them may be in any case.
_FOREIGN_MARKERS = (
    r"zakup[ ]przy[ ]użyciu[ ]karty|płatność[ ]kartą|transakcja[ ]kartą|kartenzahlung|kartenumsatz|"
    r"paiement[ ](?:par[ ])?carte(?:[ ]cb)?|achat[ ]cb|pago[ ]con[ ]tarjeta|compra[ ](?:con[ ])?tarj(?:eta|\.)?|"
    r"compra[ ](?:com[ ])?cart[ãa]o|pagamento[ ](?:con[ ])?carta|pagamento[ ]pos|kortköp|kortbetaling|"
    r"betaalpas|pinbetaling|korttiosto"
)
#: English markers, also words of prose ("card payment"): there the payee must be in capitals.
_ENGLISH_MARKERS = (
    r"card[ ]payment(?:[ ]to)?|card[ ]purchase|card[ ]transaction|debit[ ]card(?:[ ]purchase)?|"
    r"visa(?:[ ]debit)?[ ]purchase|pos(?:[ ]purchase|[ ]debit)?|contactless(?:[ ]payment)?|card"
)
#: The card's masked number between marker and payee: "*3302", "5521 84** **** 4272", "XXXX1234".
_MASK = r"(?:[ ]+(?:\*{1,4}\d{4}|\d{4}[ ][\d*]{2,4}(?:[ ][\d*]{4}){2}|[Xx]{4,}\d{4}))?"
_PAYEE_WORD = r"[^\W\d_][\w&'’.*-]*"
_STATEMENT = re.compile(
    rf"(?i:\b(?:(?P<foreign>{_FOREIGN_MARKERS})|(?P<english>{_ENGLISH_MARKERS})){_MASK})[ ]"
    rf"(?P<payee>{_PAYEE_WORD}(?:[ ](?:&[ ])?{_PAYEE_WORD}){{0,4}})"
)
#: "declined at sainsburys", "charged at Woolworths": a card refused or charged at a shop.
_DECLINED = re.compile(r"(?i:\b(?:declined|refused|rejected|charged|swiped)[ ]at)[ ](?P<payee>[^\W\d_][\w&'’-]{2,20})")
#: Words that end a payee: the store's number or the town follow ("STACJA NR 812", "STORE NO 4").
_PAYEE_TAIL = frozenset("nr no store stacja filiale branch".split())


def _trimmed(payee: str) -> str:
    """The payee without a store-number word or a country code closing it ("AMZN MKTP ES")."""
    words = payee.split(" ")
    while len(words) > 1 and (words[-1].casefold() in _PAYEE_TAIL or (len(words[-1]) == 2 and words[-1].isupper())):
        words.pop()
    return " ".join(words)


#: A word this frequent in a language is that language's word, not a payee in lower case ("met").
_EVERYDAY_ZIPF = 5.0


def _everyday(word: str) -> bool:
    """An English word or a frequent word of another language; a brand's name is frequent only in
    its own country ("orlen" in Polish), so the bar abroad is high."""
    from ..decide.words import is_dictionary_word, is_foreign_word, zipf

    return is_dictionary_word(word) or zipf(word) >= 3.0 or is_foreign_word(word, _EVERYDAY_ZIPF)


def merchant_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every payee named after a card-payment marker or a declined card."""
    from ..decide.words import is_common_phrase
    from .brands import lower_brand

    found = []
    for m in _STATEMENT.finditer(text):
        payee = _trimmed(m.group("payee"))
        if m.group("english") and not payee.replace("&", "").replace(" ", "").isupper():
            continue  # "card payment to the landlord", "a card from Mum"
        if is_common_phrase(payee.casefold()):
            continue  # "CARD PAYMENT REFUND", "POS PURCHASE FEE"
        if payee[:1].islower():  # "płatność kartą orlen stacja", not "je betaalpas met nummer"
            payee = payee.split(" ")[0]
            if _everyday(payee):
                continue
        found.append((m.start("payee"), m.start("payee") + len(payee)))
    for m in _DECLINED.finditer(text):
        payee = m.group("payee")
        if (payee.islower() and lower_brand(payee)) or (payee[:1].isupper() and not is_common_phrase(payee)):
            found.append((m.start("payee"), m.end("payee")))
    return found
