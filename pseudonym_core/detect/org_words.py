"""The vocabulary of organization names: legal forms of many countries, institution words, and
the descriptors that name a kind of institution rather than one ("Primary School").

Kept apart from `orgs.py` so each list can grow without burying the matching logic.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

#: Institution words that follow the name in languages that write them in lower case ("Bergen
#: kommune", "Haukeland universitetssjukehus", "Vilniaus universitetas", "Fio banka") or that end
#: a capitalised trade name ("La Segunda Seguros", "Allianz Versicherung"). Head-first forms
#: ("Szpital Wojewódzki") are `institutions.py`'s.
NAME_LAST = frozenset(
    """
    kommune kommun fylkeskommune barnehage børnehave förskola skole skule skola sykehus sjukehus sjukhus sygehus
    universitetssykehus universitetssjukehus universitetssjukhus universitetssygehus legesenter legekontor
    lægehus vårdcentral tannlegesenter sparebank sparbank sparekasse idrettslag borettslag menighet
    yliopisto sairaala koulu kaupunki ülikool haigla universitāte slimnīca universitetas ligoninė mokykla
    gimnazija bankas banka nemocnice nemocnica spořitelna pojišťovna bolnica fakultet kórház egyetem
    seguros abogados advogados asociados versicherung versicherungen sparkasse apotheke assicurazioni
    avocats verzekeringen advocaten notarissen huisartsen sigorta müdürlüğü bankası hastanesi üniversitesi
    belediyesi ekspertiz krankenkasse reiseversicherung
    """.split()
)
SUFFIXES = (
    frozenset(
        """
    inc incorporated ltd limited llc l.l.c llp lp plc corp corporation co company companies group holding
    holdings gmbh ag kgaa kg sa s.a sas sarl nv n.v bv b.v spa s.p.a srl ab asa a/s oyj oy pty pte bhd tbk
    bancorp bancorporation bancshares bank trust fund funds etf etn ucits partners associates capital
    acquisition foundation university institute hospital clinic industries technologies systems solutions
    pharmaceuticals therapeutics energy financial insurance motors airlines labs co.ltd
    aps a/s oyj s.l s.l.u sarl s.a.r.l s.a.s s.r.l s.p.a e.v ug ohg gbr kk k.k pvt pte sdn bhd ltda lda s.r.o
    a.s kft zrt nyrt d.o.o doo vzw asbl pllc p.c sp.zo.o sp.j sp.k s.c s.a.dec.v gk cic
    practice pharmacy chemists school academy college society association court surgery
    software lettings estates mutual casualty healthcare medicine water hydro electric textiles logistics
    trading consulting construction engineering properties realty auto assurance telecom communications studios
    inn center centre health district s.a.e sal i.k.e ike o.e a.e.b.e (pvt)ltd (pty)ltd (private)limited
    (proprietary)limited spol s.l.p s.a.c mbb a.ş şti ombudsman commission s.e.n.c.r.l s.e.n.c sencrl ehf ohf
    banco banca banque pankki
    towing plumbing roofing removals residential homestay catering bakery salon tours travel repairs police
    schools
    """.split()
    )
    | NAME_LAST
)
#: Legal forms that are also ordinary words or initials: they count only in these spellings.
EXACT: dict[str, frozenset[str]] = {
    "as": frozenset({"AS"}), "asa": frozenset({"ASA"}), "se": frozenset({"SE"}), "sl": frozenset({"SL"}),
    "kk": frozenset({"KK"}), "oy": frozenset({"Oy", "OY"}), "ab": frozenset({"AB"}), "sa": frozenset({"SA"}),
    "ag": frozenset({"AG"}), "kg": frozenset({"KG"}), "ug": frozenset({"UG"}), "spa": frozenset({"SpA", "SPA"}),
    "sas": frozenset({"SAS"}), "bv": frozenset({"BV"}), "nv": frozenset({"NV"}), "lp": frozenset({"LP"}),
    "pc": frozenset({"PC"}), "gk": frozenset({"GK"}), "cic": frozenset({"CIC"}),
    "union": frozenset({"Union"}), "ike": frozenset({"IKE"}), "dac": frozenset({"DAC"}), "mbb": frozenset({"mbB"}),
}  # fmt: skip
#: Legal forms written in lower case: "e.V." (eingetragener Verein), "sp. z o.o.".
LOWER_FORMS = frozenset("e.v sp.zo.o sal d.o.o s.r.o s.r.l s.p.a i.k.e ltda lda mbb ehf ohf".split()) | NAME_LAST
#: Institution words that need a specific word before them: a "Credit Union", not the "European Union".
NEEDS_BEFORE = {
    "union": frozenset({"credit"}),
    "society": frozenset({"building", "housing", "friendly"}),
    "district": frozenset({"school"}),
}
#: Words that describe a kind of institution without naming one: "Primary School", "Crown Court".
GENERIC = frozenset(
    """
    dental medical health primary secondary high middle junior senior elementary grammar public private state
    community general district county regional national central family crown supreme magistrates appeal
    appeals building credit university city town village local royal british american european international
    world global new old the our my your small claims family probate employment behavioral behavioural mental
    occupational sexual care urgent unified independent catholic christian holy hot cold fresh clean solar
    nuclear electric social customer human veterinary emergency children's women's primary-care talent fair
    software engineering protein research data
    """.split()
)
TRAILERS = frozenset("i ii iii iv v unit units class series preferred shares a b c department".split())
CONNECTORS = frozenset(["&", "and", "-", "de", "für"])
#: "… and son(s)" / "… and partner(s)" in languages that write it in lower case before the legal
#: form: "Handke i syn s.c.", "Balogh és társa Nyrt.", "Rossi e figli S.r.l.", "Müller & Söhne GmbH".
KIN = frozenset(
    "syn synowie wspólnicy társa társai társ figli figlio hijos hijo filhos filho söhne sohn fils zonen zoon sønner "
    "søn söner son sons partner partners partnerzy socios sinovi sin".split()
)
KIN_CONNECTORS = frozenset("& and i és e y und et og och ja a en".split())
#: Name particles after a capitalised "Van"/"Von"/"De" inside a firm's name: "Van der Linde B.V.",
#: "Van den Berg Holding". Alone they are articles and prepositions ("Kosten der Firma … UG",
#: "Risposta da Informatica S.r.l."), so they join only after such a particle.
PARTICLES = frozenset("der den de ter ten".split())
PARTICLE_HEADS = frozenset("Van Von De".split())
#: Words that head a name with "of": "Bank of …", "University of …".
HEADS = frozenset(
    "bank university institute college school hospital museum department ministry church board council "
    "society association office bureau center centre academy trust court tribunal".split()
)
BAD_START = frozenset(
    """
    the a an this that our my your their his her we i it in on at for from to of and hi hello dear hey thanks attn
    re fwd cc between by with vs versus via per
    """.split()
)
#: Possessives and prepositions of other languages: they open a phrase ("Ihre Krankenkasse", "Nach
#: Prüfung"), never a name. Articles are left out: "Der Spiegel", "La Banque Postale" are names; so
#: is "mit", which is "MIT" in capitals.
FOREIGN_OPENERS = frozenset(
    """
    ihre ihren ihrer ihrem seine seinen seiner seinem unsere unser unserer meine mein meiner deine nach bei
    zur zum vom votre vos notre nos mon mes ton ses chez avec pour dans sur su sus mi mis nuestra nuestro
    vuestra para por suo nostro nostra seu meu minha pelo pela
    """.split()
)
BAD_START = BAD_START | FOREIGN_OPENERS
#: Trade and utility words that also end ordinary phrases ("Fair Trading", "Protein Engineering"): after
#: a single word, that word must be no English word ("Thameside Water", "Corrib Software").
WEAK_SUFFIXES = frozenset(
    """
    software lettings estates mutual casualty healthcare medicine water hydro electric textiles logistics trading
    consulting construction engineering properties realty auto assurance telecom communications studios inn
    center centre health acquisition towing plumbing roofing removals residential homestay catering bakery salon
    tours travel repairs police schools
    """.split()
)


#: Words that say "this is an organization" (not a department or a team) when they end or head a
#: name: the decide stage keeps a guessed organization made of common words only when it has one.
ORG_WORDS = SUFFIXES | frozenset(
    """
    practice surgery pharmacy school college academy university institute hospital clinic bank insurance
    assurance casualty mutual trust society association union club church court tribunal council authority
    agency ministry hotel hotels restaurant cafe store stores shop shops supermarket garage dental optician
    opticians motors auto logistics transport freight consulting consultants solicitors attorneys accountants
    realty properties estates lettings homes studio studios press publishing water power gas electric energy
    utilities telecom mobile airlines airways railway railways foundation charity consulate embassy directorate
    inspectorate ombudsman commission federation cooperative brewery bakery salon
    """.split()
)


#: cleanco's legal forms that are English words, units or codes of other trades in capitals
#: ("CPT" codes, "PSU", "KDa"), or words of another meaning abroad ("koop", "état").
_NOT_FORMS = frozenset(
    "cpt psu pse fcp stg vos fie sab sca gte teo tmi sgr saa kda etat koop secs coop scoop gbr crl aat gie bhd".split()
)


#: Two-letter forms that are written with dots in some country ("d.d.", "k.s.", "N.V.") and that no
#: other trade writes that way: not "e.g.", "A.D.", "C.V." (a résumé), "E.U.", "c.a.", "p.p.", nor the
#: routes of a drug ("s.c.", "o.d.") or compass points ("S.E.").
_DOTTED_NOT_FORMS = frozenset("eg ad cv eu ca pp sf ss sc od se ec".split())
#: Dotted forms cleanco does not hold: Croatian "j.d.o.o.", Czech "o.s." and "v.o.s.", Slovenian "s.p.".
_DOTTED_EXTRA = frozenset("jdoo os vos sp".split())


@lru_cache(maxsize=1)
def dotted_forms() -> frozenset[str]:
    """Legal forms of two letters (or in `_DOTTED_EXTRA`) that count only when written with dots
    between their letters ("Žagar d.d.", "Novák k.s."): bare, they are words, units and codes."""
    out = set(_DOTTED_EXTRA)
    for key in _cleanco_terms():
        bare = key.replace(".", "")
        if "." in key and len(bare) == 2 and bare.isalpha() and bare not in _DOTTED_NOT_FORMS:
            out.add(bare)
    return frozenset(out)


def _cleanco_terms() -> Iterator[str]:
    """Every legal form in cleanco's term data (by type and by country), folded, final dot dropped."""
    from cleanco.termdata import terms_by_country, terms_by_type

    for table in (terms_by_type, terms_by_country):
        for terms in table.values():
            for term in terms:
                yield term.strip().casefold().rstrip(".,")


@lru_cache(maxsize=1)
def foreign_forms() -> tuple[frozenset[str], frozenset[str]]:
    """Legal forms of about 60 countries from cleanco's term data, beyond the hand-written lists:
    (forms of four letters or more, matched in any case with or without dots: "EIRL", "E.I.R.L.",
    "Sprl"; three-letter forms, matched only in capitals: "UAB", "ZRT", "OOD").

    Two-letter forms and those that are English words by frequency ("sad", "vat", "ent") are left
    out: in capitals they are units, states and abbreviations ("512 MB", "3 PM ET").
    """
    from ..decide.words import is_dictionary_word, zipf

    long_forms: set[str] = set()
    short: set[str] = set()
    for term in _cleanco_terms():
        key = term.replace(".", "")
        if " " in key or not key.isalpha() or key in _NOT_FORMS or zipf(key) >= 1.0:
            continue
        if len(key) >= 4 and not is_dictionary_word(key):
            long_forms.add(key)
        elif len(key) == 3:
            short.add(key)
    return frozenset(long_forms), frozenset(short)
