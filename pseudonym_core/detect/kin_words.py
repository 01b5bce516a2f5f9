"""Relations named in other languages, before the name of the relative: "min søster Line", "meu
neto Joãozinho", "votre frère Moussa", "mein Kollege Will", "su comadre Toña".

English relations live in `cues.KIN`. Here a possessive of the same language must come first, so
that a kin word that is also an English word ("son", "man", "far") says nothing alone, and the
name after it is checked by `cues.CueDetector` (a capitalised German noun is no name: "mein Sohn
Englisch lernt").
"""

from __future__ import annotations

import re

#: Possessives and relations by language: a possessive only opens a relation of its own language
#: ("sa mama ko" is Tagalog, not French and Polish).
_BY_LANGUAGE = {
    "nordic": (
        "min mit mitt mine mina din dit ditt dine hans hennes hendes vår vårt vores våre deres sin sitt",
        "søster søsteren bror broren broder datter dattera datteren søn sønnen sønn manden mannen kone konen "
        "kæreste kjæreste kollega kollegaen kollegan kollegen syster systern dotter dottern sonen frun sambo "
        "svigermor mormor farmor morfar farfar veninde venninne vän venn kusine fætter",
    ),
    "de": (
        "mein meine meinem meinen meiner dein deine sein seine seinem seiner ihr ihre ihrem ihrer unser unsere unserem",
        "bruder schwester sohn tochter mann frau kollege kollegin freund freundin mutter vater oma opa onkel "
        "tante neffe nichte cousin cousine enkel enkelin partner partnerin nachbar nachbarin chef chefin schwager "
        "schwägerin schwiegermutter schwiegervater",
    ),
    "nl": (
        "mijn m'n zijn z'n haar onze",
        "broer zus zoon dochter man vrouw collega vriend vriendin moeder vader oma opa oom tante neef nicht "
        "buurman buurvrouw partner kleinzoon kleindochter",
    ),
    "fr": (
        "mon ma mes ton ta son sa votre notre leur",
        "frère sœur soeur fils fille mari femme collègue ami amie mère père cousin cousine oncle tante neveu nièce "
        "voisin voisine compagnon compagne conjoint conjointe épouse époux petit-fils petite-fille grand-mère "
        "grand-père belle-mère beau-père",
    ),
    "es": (
        "mi mis tu su sus nuestro nuestra",
        "esposa esposo hijo hija hermano hermana abuela abuelo tía tío tia tio comadre compadre primo prima "
        "sobrino sobrina nieto nieta amigo amiga compañero compañera jefe jefa vecino vecina suegra suegro "
        "cuñado cuñada novio novia marido mamá papá madre padre",
    ),
    "pt": (
        "meu minha meus minhas seu sua nosso nossa",
        "irmão irmã filho filha neto neta marido esposa esposo mulher colega amigo amiga mãe pai avó avô tio tia "
        "primo prima sobrinho sobrinha vizinho vizinha namorado namorada chefe sogra sogro cunhado cunhada",
    ),
    "it": (
        "mio mia suo sua nostro nostra",
        "fratello sorella figlio figlia marito moglie collega amico amica madre padre nonna nonno zio zia nipote "
        "cugino cugina vicino vicina fidanzato fidanzata compagno compagna suocera suocero cognato cognata",
    ),
    "pl": (
        "mój moja moje mojego mojej mojemu twój twoja jego jej nasz nasza",
        "brat siostra syn córka mąż żona kolega koleżanka mama tata babcia dziadek wujek ciocia kuzyn kuzynka "
        "sąsiad sąsiadka przyjaciel przyjaciółka szef szefowa narzeczony narzeczona partner partnerka wnuk "
        "wnuczka teściowa teść",
    ),
}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_PAIRS = "|".join(
    rf"(?:{_alternation(owners.split())})[ \t]+(?:{_alternation(relations.split())})"
    for owners, relations in _BY_LANGUAGE.values()
)
#: A possessive and a relation of one other language, then the word that may be the relative's name.
KIN_ABROAD = re.compile(rf"(?i:(?<![\w'’-])(?:{_PAIRS}))[ \t]+([^\W\d_][\w-]*(?:['’](?!s\b)[\w-]+)*)")
