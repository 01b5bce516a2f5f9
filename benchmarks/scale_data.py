"""Synthetic, seeded texts for the scale benchmark (no real person's data).

A long document is a run of varied paragraphs (letters, chat lines, address blocks, tables)
naming many distinct people, places and values, with people recurring across paragraphs, so
propagation, known-entity matching and every detector see realistic density at any length.
"""

from __future__ import annotations

import random

from faker import Faker

_TEMPLATES = (
    "Dear {name}, thank you for your letter of {date}. Your account {iban} is now active and "
    "{first} can reach us at {phone}. Kind regards, {name2} from {company}.\n",
    "{first}: hi, are we still meeting in {city} tomorrow?\n{first2}: yes, see you at 10, "
    "I'll bring the contract for Mr. {last}.\n",
    "Patient {name} (born {date}) was seen by Dr. {last2} at {company}. Contact: {email}, {phone}. "
    "Address: {street}, {city}.\n",
    "| {name} | {email} | {city} | {phone} |\n| {name2} | {email2} | {city2} | card {card} |\n",
    "Minutes: {name} opened the meeting. {first2} {last2} reported that the order for {company} "
    "ships on {date}. Ms. {last} will call {city} about it. The weather was fine and everyone agreed "
    "to meet again next week to go over the budget, the timeline and the open questions.\n",
    "From: {email}\nTo: {email2}\nSubject: visit\n\nHi {first}, {name2} asked me to forward this. "
    "Her IP was {ip} when she logged in from {city2}.\n\n",
)


class _People:
    """A pool of people that paragraphs draw from, so names recur across the document."""

    def __init__(self, fake: Faker, rng: random.Random, size: int) -> None:
        self.rng = rng
        self.people = [(fake.first_name(), fake.last_name()) for _ in range(size)]

    def pick(self) -> tuple[str, str]:
        return self.rng.choice(self.people)


def long_text(chars: int, seed: int = 7) -> str:
    """About `chars` characters of document text (cut at a paragraph end)."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    people = _People(fake, rng, max(20, chars // 400))
    parts: list[str] = []
    total = 0
    while total < chars:
        (f1, l1), (f2, l2) = people.pick(), people.pick()
        values = {
            "name": f"{f1} {l1}", "first": f1, "last": l1, "name2": f"{f2} {l2}", "first2": f2, "last2": l2,
            "date": fake.date(pattern="%d %B %Y"), "iban": fake.iban(), "phone": fake.phone_number(),
            "company": fake.company(), "city": fake.city(), "city2": fake.city(), "email": fake.email(),
            "email2": fake.email(), "street": fake.street_address(), "card": fake.credit_card_number(),
            "ip": fake.ipv4_public(),
        }  # fmt: skip
        part = rng.choice(_TEMPLATES).format(**values)
        parts.append(part)
        total += len(part)
    return "".join(parts)[:chars]


def chat_turn(k: int) -> str:
    """The k-th variant of one 200-character chat turn: same shape, new people and values, so
    every turn mints surrogates (a repeated turn would only reuse the vault)."""
    fake = Faker("en_US")
    fake.seed_instance(1000 + k)
    first, last, doctor = fake.first_name(), fake.last_name(), fake.last_name()
    text = (
        f"Hi, this is {first} {last} again. Could you move my appointment with Dr. {doctor} to Friday? "
        f"Call me on {fake.numerify('+1 415 555 ####')} or write to {first.lower()}.{last.lower()}@example.org."
    )
    return (text + " Thanks a lot for your help!" * 3)[:200]
