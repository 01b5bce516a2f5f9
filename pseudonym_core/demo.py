"""The `pseudonym demo` walk-through: what the cloud model would see, and what comes back.

The "model" here is a scripted answer written in surrogates, the way a real model rephrases
(title + surname, possessive, reformatted phone), so the demo shows restoration doing real work
without a network.
"""

from __future__ import annotations

from collections.abc import Callable

TICKET = (
    "Hi, this is Maria Gonzalez (maria.gonzalez@northwind-bank.com, +1 415 555 0134). "
    "My card 4111 1111 1111 1111 was charged twice at the Lisbon office of Contoso Ltd on 03/14/2024. "
    "Please call me back; my manager, Dr. Kwame Mensah, already approved a refund."
)
RAG_CHUNK = "Customer file: Maria Gonzalez, 221B Baker Street, London NW1 6XE. IBAN GB82WEST12345698765432."


def run_demo(emit: Callable[[str], None]) -> None:
    from . import Pseudonymizer

    p = Pseudonymizer()
    session = p.session()
    emit("== What the user wrote (stays on this machine)")
    emit(TICKET)
    emit(RAG_CHUNK)
    ticket, chunk = p.pseudonymize_many([TICKET, RAG_CHUNK], session=session)
    emit("\n== What the cloud model receives")
    emit(ticket.text)
    emit(chunk.text)
    emit("\n== Detected entities (label → surrogate)")
    for e in ticket.entities + chunk.entities:
        emit(f"  {e.label:<14} → {e.surrogate}   [{e.source}]")
    answer = _scripted_answer(ticket.entities)
    emit("\n== The model's answer, as the cloud model wrote it")
    emit(answer)
    chunks = [answer[i : i + 7] for i in range(0, len(answer), 7)]
    restored = "".join(p.restore_stream(chunks, session=session))
    emit("\n== Restored for the user (streamed in 7-character chunks)")
    emit(restored)


def _scripted_answer(entities: list) -> str:
    """Rephrase the way chat models do: surname with title, possessive, first name, new phone layout."""
    people = [e.surrogate for e in entities if e.label == "PERSON" and " " in e.surrogate]
    phone = next((e.surrogate for e in entities if e.label == "PHONE_NUMBER"), "")
    customer = people[0].split() if people else ["the", "customer"]
    manager = people[1].split() if len(people) > 1 else customer
    return (
        f"Dear Ms. {customer[-1]}, I'm sorry about the double charge. "
        f"{manager[0]} {manager[-1]}'s approval is on file, "
        f"so Dr. {manager[-1]} needs to do nothing more. We will call you at {phone.replace(' ', '-')} today. "
        f"Kind regards, {customer[0]}'s support team"
    )
