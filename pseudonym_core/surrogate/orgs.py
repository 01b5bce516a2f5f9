"""Organization surrogates of the same kind and language: a Polish hospital stays a Polish hospital.

"Szpital Wojewódzki w Poznaniu" → "Szpital Wojewódzki w Rzeszowie", "Zahnarztpraxis Dr. Albers" →
"Zahnarztpraxis Dr. Vogt", "Wisła Cargo Sp. z o.o." → "Nowak Cargo Sp. z o.o.". The institution word,
the legal form, descriptors and connectors stay; only the words that name it are drawn from the same
language's family names and cities. Names with no language signal go to `places.organization`.
"""

from __future__ import annotations

import re

from ..detect.institutions import JA_FORMS, KO_FORMS
from .base import Generated, SurrogateContext, match_case, pick
from .locales import POLISH_LOCATIVES, cities, family_names

#: Legal forms that tell the country ("sp.zo.o" is "Sp. z o.o." without spaces and final dot).
_FORM_LANG = {
    **dict.fromkeys("sp.zo.o sp.j sp.k".split(), "pl"),
    **dict.fromkeys("gmbh ag kg kgaa e.v ug ohg gbr".split(), "de"),
    **dict.fromkeys("sarl s.a.r.l sas s.a.s".split(), "fr"),
    **dict.fromkeys("srl s.r.l spa s.p.a".split(), "it"),
    **dict.fromkeys("s.l s.l.u sl".split(), "es"),
    **dict.fromkeys("ltda lda".split(), "br"),
    **dict.fromkeys("bv b.v nv n.v vzw".split(), "nl"),
    **dict.fromkeys("as asa".split(), "no"),
    "ab": "sv", "oy": "fi", "oyj": "fi", "a/s": "da", "aps": "da", "kk": "ja", "k.k": "ja", "gk": "ja",
    "pvt": "in", "pty": "au", "s.r.o": "cs", "kft": "hu", "zrt": "hu", "d.o.o": "hr",
    **dict.fromkeys("v.o.s k.s o.s a.s spol".split(), "cs"), **dict.fromkeys("nyrt bt kkt".split(), "hu"),
    **dict.fromkeys("d.d j.d.o.o".split(), "hr"), "s.p": "sl", "oü": "et", "sia": "lv", "uab": "lt",
    **dict.fromkeys("ood eood ead".split(), "bg"), "ky": "fi", "a.ş": "tr", "şti": "tr",
}  # fmt: skip
#: Names in a script of one country's language, when no form says more.
_SCRIPT_LANG = (
    (re.compile("[іїєґІЇЄҐ]"), "uk"),
    (re.compile("[\u0400-\u04ff]"), "ru"),
    (re.compile("[\u0370-\u03ff]"), "el"),
)
_LANG_OF_HEAD = {"nordic": "sv"}
#: Words that describe the kind of institution or business; kept as they are.
_DESCRIPTORS = frozenset(
    """
    wojewódzki wojewódzka miejski miejska powiatowy powiatowa kliniczny kliniczna specjalistyczny uniwersytecki
    medyczny medyczna podstawowa rejonowy okręgowy apelacyjny dziecięcy publiczny publiczna niepubliczny
    universitario universitaria general clínico regional provincial municipal infantil nacional central geral
    universitário hospitalier universitaire régional départemental intercommunal
    städtisches städtische evangelisches katholisches allgemeines kreiskrankenhaus
    cargo logistics logistik transport trading consulting services service software systems solutions foods
    handel bau immobilien technik medical dental group holding international polska polski deutschland
    """.split()
)
_CONNECTORS = frozenset(
    """
    am an der die des dem den im zu zum zur für w we na i dla pod przy de del della di du la le les y e et el do da
    dos das und van von
    """.split()
)
_TITLES = frozenset("dr. dr med. dent. prof. st. sankt santa san são św. im.".split())
_TOKEN = re.compile(r"Sp\.\s?z\s?o\.\s?o\.?|[^\s]+")


def org_language(original: str) -> str | None:
    """The language an organization name signals by its institution word or legal form."""
    from ..detect.institutions import AMBIGUOUS_HEADS, head_language

    if re.search(r"(?i)[ ](?:of|the|for|at)[ ]", original):
        return None  # "Bank of Ireland", "Hospital of Saint John": English, whatever "Bank" is in Polish
    for i, tok in enumerate(original.split()):
        lang = head_language(tok)
        if lang and (i == 0 or tok.casefold() not in AMBIGUOUS_HEADS):
            return _LANG_OF_HEAD.get(lang, lang)  # "… University Hospital" is English, "Hospital General" not
    compact = original.casefold().replace(" ", "")
    if "sp.zo.o" in compact:
        return "pl"
    for tok in reversed(original.split()):
        lang = _FORM_LANG.get(tok.casefold().rstrip(".,"))
        if lang is not None and (len(tok) > 2 or tok.isupper()):
            return lang
    return next((lang for script, lang in _SCRIPT_LANG if script.search(original)), None)


def _keep(tok: str) -> bool:
    from ..detect.institutions import head_language
    from ..detect.orgs import PREFIX_FORM, _is_suffix

    folded = tok.casefold()
    return (
        head_language(tok) is not None
        or _is_suffix(tok)
        or PREFIX_FORM.fullmatch(tok) is not None
        or folded in _DESCRIPTORS
        or folded in _CONNECTORS
        or folded in _TITLES
        or not any(c.isalpha() for c in tok)
        or folded.replace(" ", "").rstrip(".") in _FORM_LANG
    )


def organization_any(original: str, ctx: SurrogateContext) -> Generated:
    """Same institution word, legal form and language; fresh names. A firm's name without its form
    ("Netcompany" beside "Netcompany A/S") gets the same fresh name, whichever comes first."""
    from ..detect.orgs import name_without_form

    core = name_without_form(original)
    if core is None or not original.startswith(core):
        return _organization_any(original, ctx)
    tail = original[len(core) :]
    known = ctx.component(core)
    if known is not None:
        return Generated(known + tail)
    gen = _organization_any(original, ctx)
    if gen.surrogate.endswith(tail) and len(gen.surrogate) > len(tail):
        return Generated(gen.surrogate, [*gen.components, (core, gen.surrogate[: -len(tail)], "ORGANIZATION")])
    return gen


def _organization_any(original: str, ctx: SurrogateContext) -> Generated:
    from ..detect.institutions import CJK_COMPANY
    from .places import organization

    if CJK_COMPANY.fullmatch(original):
        return Generated(_cjk_company(original, ctx))
    quoted = _quoted_after_form(original, ctx)
    if quoted is not None:
        return quoted
    lang = org_language(original)
    if lang is None:
        return organization(original, ctx)
    from ..detect.institutions import head_language

    families = list(family_names(lang))
    # an institution is named after its town ("Klinikum Stuttgart"), a company after its founder
    places = list(cities(lang)) if any(head_language(t) for t in original.split()) else []
    out: list[str] = []
    pos = 0
    replaced = False
    prev = ""
    for m in _TOKEN.finditer(original):
        out.append(original[pos : m.start()])
        tok = m.group()
        core = tok.rstrip(".,;:")
        tail = tok[len(core) :]
        if _keep(tok) or not core:
            out.append(tok)
        else:
            if prev in ("w", "we") and lang == "pl":
                new = pick(ctx, list(POLISH_LOCATIVES))
            elif prev in _TITLES or not places or replaced:
                new = pick(ctx, families)
            else:
                new = pick(ctx, places) or pick(ctx, families)
            out.append(match_case(core, new or core) + tail)
            replaced = replaced or bool(new)
        prev = tok.casefold()
        pos = m.end()
    out.append(original[pos:])
    value = "".join(out)
    if value.casefold() == original.casefold():
        return organization(original, ctx)
    return Generated(value)


#: Words of a Cyrillic company name that say what it is, not whose it is: "Тинькофф **Банк**".
_CYRILLIC_DESCRIPTORS = frozenset(
    "банк банка групп группа холдинг строй сервис фирма компания центр клиника завод агентство плюс трейд "
    "страхование капитал инвест девелопмент логистик медицина".split()
)


def _quoted_after_form(original: str, ctx: SurrogateContext) -> Generated | None:
    """"ООО «СтройИнвест-Нева»" → "ООО «Соколов»": the form and the quotes stay, the name inside is
    drawn from the family names of its own script (Russian for Cyrillic), capitalised words only."""
    from ..detect.orgs import PREFIXED

    m = PREFIXED.fullmatch(original)
    if m is None or m.group("quoted") is None:
        return None
    a, b = m.start("quoted") + 1, m.end("quoted") - 1
    inner = original[a:b]
    if re.search("[\u0400-\u04ff]", inner):
        families = list(family_names("uk" if m.group("form") in ("ТОВ", "ПАТ", "ПрАТ", "АТ") else "ru"))
        def fresh(part: str) -> str:  # "Альфа-Банк": each part of a hyphenated word on its own
            keep = not part[:1].isupper() or part.casefold() in _CYRILLIC_DESCRIPTORS
            return part if keep else match_case(part, pick(ctx, families) or part)

        new_inner = " ".join("-".join(fresh(p) for p in tok.split("-")) for tok in inner.split(" "))
    else:
        new_inner = organization_any(inner, ctx).surrogate
    if new_inner == inner:
        return None
    return Generated(original[:a] + new_inner + original[b:], [(inner, new_inner, "ORGANIZATION")])


_CJK_FORM = re.compile(rf"(股份有限公司|有限责任公司|有限公司|有限會社|集团|集團|{JA_FORMS}|{KO_FORMS})")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_CJK_TRADES = ("科技", "贸易", "精密", "电子", "实业", "网络", "物流", "制造", "信息", "咨询", "商事", "産業")


def _cjk_company(original: str, ctx: SurrogateContext) -> str:
    """Another company of the same script and legal form: "上海云帆科技有限公司" → "成都和泰科技有限公司"."""
    import importlib

    form = _CJK_FORM.search(original)
    suffix = form.group() if form else ""
    body = original.replace(suffix, "").strip()
    trade = next((t for t in _CJK_TRADES if body.endswith(t)), "")
    korean = bool(_HANGUL.search(original)) or suffix in ("(주)", "㈜", "(유)")
    if korean or re.fullmatch(JA_FORMS, suffix) or re.search(r"[\u30a0-\u30ff]", original):
        letters = "한빛새솔누리다온가람" if korean else "サクラミドリアオイカエデツバキ"
        name = "".join(ctx.rng.choice(letters) for _ in range(max(2, len(body) - len(trade))))
    else:
        cities = importlib.import_module("faker.providers.address.zh_CN").Provider.cities
        brands = importlib.import_module("faker.providers.company.zh_CN").Provider.company_prefixes
        han = [b for b in brands if all("\u4e00" <= c <= "\u9fff" for c in b)]  # not "MBP软件", "数字100"
        name = (pick(ctx, list(cities)) or "") + (pick(ctx, han) or "")
    return original.replace(body, name + trade, 1) if body else name + suffix
