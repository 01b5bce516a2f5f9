"""Sentence templates per domain, with typed slots that `build` fills and labels.

Slots: ``{P}`` a person (its form varies: full, "Last, First", "J. Last", title and surname),
``{P.given}``, ``{P.family}``, ``{P.title}`` (Mr./Ms. and surname), ``{P2…}`` a second person,
``{CITY}``, ``{COUNTRY}``, ``{ADDRESS}``, ``{ORG}``, ``{BANK}``, ``{HOSPITAL}``, ``{CLINIC}``,
``{SCHOOL}``, ``{UNIVERSITY}``, ``{EMAIL}`` (often the person's), ``{PHONE}``, ``{DATE}``, ``{DOB}``,
``{IBAN}``, ``{CARD}``, ``{IP}``, ``{URL}``, ``{USER}``, ``{ID}``, ``{NATID}``. Text outside slots is
never labelled, so `NEGATIVES` (names that are common words, used as words) teach restraint.
"""

from __future__ import annotations

DOMAINS: dict[str, tuple[str, ...]] = {
    "support": (
        "Hi, this is {P}. My order {ID} never arrived at {ADDRESS}.",
        "Please call me back on {PHONE} or write to {EMAIL}.",
        "{P.title} reported that the app crashes since the update; account {USER}.",
        "Ticket {ID}: customer {P} from {CITY} asks for a refund to card {CARD}.",
        "The login from IP {IP} was not me, says {P.given}.",
        "Agent {P2} escalated the case of {P.title} to the billing team.",
    ),
    "email": (
        "From: {P} <{EMAIL}>\nTo: {P2.given}\nSubject: Meeting on {DATE}",
        "Dear {P.title},\n\nthank you for your message.",
        "Best regards,\n{P}\n{ORG}\n{PHONE}",
        "{P2.given}, could you forward this to {P.given} before Friday?",
        "I will be in {CITY} until {DATE}; my colleague {P2} covers for me.",
        "Our new office is at {ADDRESS}.",
    ),
    "clinical": (
        "Patient: {P}, DOB {DOB}. Admitted to {HOSPITAL} on {DATE}.",
        "{P.title} was referred by Dr. {P2.family} from {CLINIC}.",
        "Next of kin: {P2} (phone {PHONE}).",
        "Insurance number {NATID}; GP practice {CLINIC}.",
        "{P.given} reports chest pain since {DATE}. ECG normal.",
        "Follow-up with Dr. {P2.family} in {CITY} in two weeks.",
    ),
    "hr": (
        "Employee: {P}\nEmployee ID: {ID}\nStart date: {DATE}",
        "{P} joined {ORG} in {CITY} after studying at {UNIVERSITY}.",
        "Manager {P2} approved the leave request of {P.title}.",
        "National ID: {NATID}\nDate of birth: {DOB}",
        "Salary is paid to IBAN {IBAN} held at {BANK}.",
        "Reference letter for {P.given} written by {P2} of {ORG}.",
    ),
    "finance": (
        "Transfer of 2,500 EUR from {IBAN} to {P}, reference {ID}.",
        "Cardholder {P}, card {CARD}, billing address {ADDRESS}.",
        "{P.title} disputes a charge; {BANK} case {ID}.",
        "Loan applicant {P}, born {DOB}, employer {ORG}.",
        "Please confirm the payment to {P2} by {DATE}.",
        "Statement sent to {EMAIL} for account {ID}.",
    ),
    "travel": (
        "Booking {ID} for {P}: flight to {CITY} on {DATE}.",
        "Passenger {P}, passport {NATID}, nationality {COUNTRY}.",
        "{P.title} requested a quiet room at the hotel in {CITY}.",
        "Pick-up at {ADDRESS} at 7 am; driver {P2} ({PHONE}).",
        "{P.given} and {P2.given} travel from {CITY} to {COUNTRY} together.",
        "Contact in case of emergency: {P2}, {PHONE}.",
    ),
    "chat": (
        "hey can you ask {P.given} if the report is ready",
        "{USER}: meet at {ADDRESS} at 6?",
        "tell {P.given} that {P2.given} from {ORG} called again",
        "my email is {EMAIL}, text me on {PHONE}",
        "just moved to {CITY}, new address is {ADDRESS}",
        "{P} said the server at {IP} is down again",
    ),
    "legal": (
        "This agreement is made on {DATE} between {ORG} and {P} of {ADDRESS}.",
        "The tenant, {P}, shall pay rent to {IBAN}.",
        "Witness: {P2}, {CITY}.",
        "{P.title} was represented by counsel from {ORG}.",
        "Signed in {CITY} on {DATE} by {P} (ID {NATID}).",
    ),
    "education": (
        "Student {P} (ID {ID}) enrolled at {UNIVERSITY} on {DATE}.",
        "Parent contact: {P2}, {EMAIL}, {PHONE}.",
        "{P.given} transferred from {SCHOOL} in {CITY}.",
        "Thesis supervisor: Prof. {P2.family}, {UNIVERSITY}.",
    ),
    "insurance": (
        "Claim {ID}: {P} reports water damage at {ADDRESS}.",
        "Policy holder {P}, born {DOB}, national ID {NATID}.",
        "The adjuster {P2} will visit {P.title} on {DATE}.",
        "Payout to {IBAN} ({BANK}) approved.",
    ),
    "it": (
        "User {USER} ({EMAIL}) logged in from {IP} on {DATE}.",
        "Profile: {URL}",
        "Reset the password of {P} and notify {P2.given}.",
        "VPN access for {P.title} from {CITY} granted; ticket {ID}.",
    ),
}

#: Sentences without personal data that use names and name-like words as ordinary words.
NEGATIVES: tuple[str, ...] = (
    "We will grant access in May if the budget allows.",
    "Mark all messages as read and hope for the best.",
    "The rose garden opens in summer; entry is free.",
    "Please bill the customer once the page loads.",
    "Keep the faith: the long review is almost done.",
    "The king-size bed and the stone floor were fine.",
    "Rich text and brown paper bags are not the same thing.",
    "Action: search\nAction Input: refund policy\nObservation: none found.",
    "Take metformin twice a day with meals.",
    "The Pro Max plan includes the Premium support line.",
    "Dawn broke over the harbour and the joy was real.",
    "Young users hunt for pages with amber alerts.",
)
