"""Surrogates keep the origin of a name, and e-mail addresses follow the surrogate person (issue 9, defect 7)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from pseudonym_core import Pseudonymizer, PseudonymizerConfig
from pseudonym_core.surrogate.generator import RandGenerator
from pseudonym_core.surrogate.localpart import folded_names
from pseudonym_core.surrogate.namepools import CULTURE, origin_index
from pseudonym_core.surrogate.names import parse
from pseudonym_core.surrogate.pools import script_of
from pseudonym_core.surrogate.translit import fold, to_ascii

CULTURES = [
    ("Phạm Thu Hà", "vietnamese"),
    ("Nguyen Van An", "vietnamese"),
    ("Aoibheann Byrne", "irish"),
    ("Aleksandra Wiśniewska", "polish"),
    ("Babatunde Adeyemi", "yoruba"),
    ("Chukwuemeka Okafor", "igbo"),
    ("Aminu Bello", "hausa"),
    ("Kwame Mensah", "akan"),
    ("Kim Min-jun", "korean"),
    ("Zhang Wei", "chinese"),
    ("Kenji Watanabe", "japanese"),
    ("Ahmed Al-Rashid", "arabic"),
    ("Mehmet Yılmaz", "turkish"),
    ("Giorgos Papadopoulos", "greek"),
    ("Nagy Zsófia", "hungarian"),
    ("Priya Sharma", "indian"),
    ("Sigrid Haugen", "nordic"),
    ("Jan van der Berg", "dutch"),
    ("María García López", "spanish"),
    ("João Gonçalves Ferreira", "portuguese"),
    ("Ion Popescu", "romanian"),
    ("Иван Петров", "russian"),
    ("김민준", "korean"),
    ("محمد الأحمد", "arabic"),
]
KEYS = ("k-one", "k-two", "k-three")


def _surrogate(p: Pseudonymizer, name: str, session=None) -> str:
    """The PERSON surrogate for `name`, straight from the generator (no detection in the way)."""
    s = session if session is not None else p.session()  # an empty Session is falsy
    gen = RandGenerator()
    with s.lock:
        value, _ = s.surrogate_for("PERSON", name, gen.generate)
        s.commit()
    return value


def _culture(name: str) -> str:
    return parse(name).origin.culture


@pytest.mark.parametrize(("name", "culture"), CULTURES)
def test_origin_is_told_from_the_name(name: str, culture: str) -> None:
    if script_of(name) in ("HANGUL", "CJK"):
        return  # unspaced names are read as a whole by the person generator, checked below
    origin = parse(name).origin
    assert origin.culture == culture, origin.reasons
    for word in re.findall(r"\w+", name):
        assert all(word not in why for why in origin.reasons), "an explanation must not quote the name"


@pytest.mark.parametrize(("name", "culture"), CULTURES)
def test_surrogate_comes_from_the_same_culture_and_script(name: str, culture: str) -> None:
    for key in KEYS:  # a secret key makes the draw reproducible, three keys make it not a fluke
        sur = _surrogate(Pseudonymizer(PseudonymizerConfig(secret_key=key)), name)
        assert sur != name
        assert script_of(sur) == script_of(name), (key, sur)
        assert len(sur.split()) == len(name.split()), (key, sur)
        if script_of(name) == "LATIN":
            assert _culture(sur) == culture, (key, sur)
            assert sur.isascii() == name.isascii() or not name.isascii(), (key, sur)


def test_the_reported_defects() -> None:
    """ "Phạm Thu Hà" became "Kenneth Jeffery Greer", "Aoibheann Byrne" became "Terrance Zhang"."""
    idx = origin_index()
    vi = idx.pools["vi_VN"]
    for key in KEYS:
        p = Pseudonymizer(PseudonymizerConfig(secret_key=key))
        family, middle, given = _surrogate(p, "Phạm Thu Hà").split()
        assert family in vi.all_family(), "Vietnamese names are written family name first"
        assert any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", family + middle + given))
        first, last = _surrogate(p, "Aoibheann Byrne").split()
        assert CULTURE[next(iter(idx.locales(first, "given")))] == "irish"
        assert "irish" in {CULTURE[loc] for loc in idx.locales(last, "family")}


def test_polish_family_names_agree_with_gender_and_family() -> None:
    for key in KEYS:
        p = Pseudonymizer(PseudonymizerConfig(secret_key=key))
        s = p.session()
        her = _surrogate(p, "Anna Kowalska", s).split()[1]
        him = _surrogate(p, "Jan Kowalski", s).split()[1]
        assert re.search(r"(ska|cka|dzka)$", her) and re.search(r"(ski|cki|dzki)$", him), (her, him)
        assert her[:-1] == him[:-1], "husband and wife stay one family"
        unisex = _surrogate(p, "Ewa Nowak", s).split()[1]
        assert not re.search(r"(ska|cka|ski|cki)$", unisex), "a name the same for both genders stays so"
        assert _surrogate(p, "Kowalska", s) == her, "a family name alone reuses its surrogate"
        given = _surrogate(p, "Aleksandra Wiśniewska", s).split()[0]
        assert origin_index().gender(given, "given", "polish") == "f"


def test_script_and_shape_are_kept() -> None:
    p = Pseudonymizer(PseudonymizerConfig(secret_key="shape"))
    for name in ("Ольга Смирнова", "Γιώργος Παπαδόπουλος", "김민준", "王伟", "山田太郎", "प्रिया शर्मा", "דוד כהן"):
        sur = _surrogate(p, name)
        assert script_of(sur) == script_of(name) and len(sur.split()) == len(name.split()), sur
    assert len(_surrogate(p, "김민준")) == 3 and len(_surrogate(p, "王伟")) == 2
    assert _surrogate(p, "山田太郎")[:2] in origin_index().pools["ja_JP"].all_family(), "kanji names stay Japanese"
    family = _surrogate(p, "Ольга Смирнова").split()[1]
    assert family.endswith(("ова", "ева", "ина", "ая")), "a Russian woman's family name keeps its female form"


def test_order_particles_and_titles() -> None:
    p = Pseudonymizer(PseudonymizerConfig(secret_key="order"))
    s = p.session()
    hu = _surrogate(p, "Nagy Zsófia", s).split()
    assert hu[0] in origin_index().pools["hu_HU"].all_family() and origin_index().gender(hu[1], "given") == "f"
    es = _surrogate(p, "María García López", s).split()
    assert len(es) == 3 and all(w in origin_index().family or fold(w) in folded_names() for w in es[1:])
    assert _surrogate(p, "Jan van der Berg", s).split()[1:3] == ["van", "der"]
    assert re.fullmatch(r"\w+ O'\w+", _surrogate(p, "Siobhán O'Connor", s))
    assert _surrogate(p, "Mohammed bin Salman", s).split()[1] == "bin"
    assert _surrogate(p, "Dr. Anna Kowalska", s).startswith("Dr. ")
    ko = _surrogate(p, "Kim Min-jun", s)
    assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+", ko), ko


def test_component_consistency_for_foreign_names(pseudonymizer: Pseudonymizer) -> None:
    s = pseudonymizer.session()
    full = _surrogate(pseudonymizer, "Aleksandra Wiśniewska", s)
    first, last = full.split()
    assert _surrogate(pseudonymizer, "Wiśniewska", s) == last
    assert _surrogate(pseudonymizer, "Wiśniewska, Aleksandra", s) == f"{last}, {first}"
    assert _surrogate(pseudonymizer, "A. Wiśniewska", s) == f"{first[0]}. {last}"
    fam, _mid, given = _surrogate(pseudonymizer, "Phạm Thu Hà", s).split()
    assert _surrogate(pseudonymizer, "Hà", s) == given and _surrogate(pseudonymizer, "Phạm", s) == fam


def test_many_people_of_one_small_culture_stay_distinct(pseudonymizer: Pseudonymizer) -> None:
    """Vietnam has few family names: surrogates still never reuse an original or another surrogate."""
    names = ["Nguyễn Văn An", "Trần Thị Lan", "Lê Minh Tuấn", "Phạm Thu Hà", "Hoàng Đức Long", "Vũ Thị Mai"]
    s = pseudonymizer.session()
    text = " ".join(names)
    with s.lock:
        s.note_words(text)
    out = [_surrogate(pseudonymizer, n, s) for n in names]
    words = {w.casefold() for w in text.split()} - {"văn", "thị"}
    for sur in out:
        assert not {w.casefold() for w in sur.split()} & words, sur
    assert len(set(out)) == len(out)


EMAILS = [
    ("Phạm Thu Hà", "pham.thu.ha@gmail.com"),
    ("Phạm Thu Hà", "hapham84@yahoo.com"),
    ("Aoibheann Byrne", "aoibheann.byrne@hse.ie"),
    ("Aleksandra Wiśniewska", "a.wisniewska@wp.pl"),
    ("Chukwuemeka Okafor", "chukwuemeka_okafor84@gmail.com"),
    ("Kim Min-jun", "minjun.kim@naver.com"),
    ("Nagy Zsófia", "nagy.zsofia@freemail.hu"),
    ("John Smith", "jsmith@acme-law.co.uk"),
    ("John Smith", "JS@Acme.com"),
    ("محمد الأحمد", "mohammed.alahmad@gmail.com"),
    ("박지훈", "jhpark@naver.com"),
    ("王伟", "wangwei@163.com"),
]


@pytest.mark.parametrize(("name", "address"), EMAILS)
def test_email_follows_the_surrogate_person(pseudonymizer: Pseudonymizer, name: str, address: str) -> None:
    s = pseudonymizer.session()
    person = _surrogate(pseudonymizer, name, s)
    gen = RandGenerator()
    with s.lock:
        new, _ = s.surrogate_for("EMAIL_ADDRESS", address, gen.generate)
    local, _, host = new.partition("@")
    old_local, _, old_host = address.partition("@")
    assert local.isascii() and local != old_local
    # the same pattern, rebuilt from the surrogate's parts: no random letters
    parts = {fold(w) for w in re.split(r"[\s,-]+", person) if w} | {fold(person.replace("-", ""))}
    if script_of(person) == "CJK":
        parts = {fold(local)}  # checked below by shape: one romanised name
    if script_of(person) == "HANGUL":  # family name, given name, and one initial per syllable ("jhpark")
        parts = {fold(to_ascii(person[0])), fold(to_ascii(person[1:])), *(fold(to_ascii(c)) for c in person[1:])}
    letters = re.sub(r"[^a-z]", "", local.lower())
    assert _covers(letters, parts), (person, new)
    assert re.sub(r"[a-z]+", "a", re.sub(r"\d", "9", old_local.lower())) == re.sub(
        r"[a-z]+", "a", re.sub(r"\d", "9", local.lower())
    ), "separators and digit counts keep their places"
    old_suffix, new_suffix = old_host.rsplit(".", 1)[-1], host.rsplit(".", 1)[-1]
    assert new_suffix == old_suffix
    if old_host in ("gmail.com", "yahoo.com", "wp.pl", "freemail.hu", "naver.com", "163.com"):
        assert host == old_host, "free mail stays free mail"
    else:
        assert host != old_host and host.endswith(old_host.split(".", 1)[1]), "another domain, same suffix"


def _covers(letters: str, parts: set[str]) -> bool:
    """Can `letters` be written as surrogate parts and their initials?"""
    if not letters:
        return True
    for p in parts:
        if p and letters.startswith(p) and _covers(letters[len(p) :], parts):
            return True
    return any(p[:1] == letters[0] for p in parts) and _covers(letters[1:], parts)


def test_email_alone_gets_a_person_and_later_mentions_follow(pseudonymizer: Pseudonymizer) -> None:
    s = pseudonymizer.session()
    gen = RandGenerator()
    with s.lock:
        new, _ = s.surrogate_for("EMAIL_ADDRESS", "aoibheann.byrne@gmail.com", gen.generate)
    first, last = new.partition("@")[0].split(".")
    person = _surrogate(pseudonymizer, "Aoibheann Byrne", s)
    assert fold(person) == first + last
    with s.lock:
        role, _ = s.surrogate_for("EMAIL_ADDRESS", "info@byrne-dental.ie", gen.generate)
        odd, _ = s.surrogate_for("EMAIL_ADDRESS", "kxj93@outlook.com", gen.generate)
    assert role.startswith("info@") and role.endswith("-dental.ie") and "byrne" not in role
    name_part = re.sub(r"\d", "", odd.partition("@")[0])
    assert name_part in {
        n.lower() for n in origin_index().pools["en_US"].given["m"] + origin_index().pools["en_US"].given["f"]
    }


def test_restore_round_trip_with_foreign_names_and_emails(pseudonymizer: Pseudonymizer) -> None:
    text = (
        "My name is Phạm Thu Hà. Email me at pham.thu.ha@gmail.com. "
        "Aleksandra Wiśniewska (a.wisniewska@wp.pl) and Chukwuemeka Okafor agreed. "
        "Ms. Wiśniewska will call Mr. Okafor."
    )
    s = pseudonymizer.session()
    r = pseudonymizer.pseudonymize(text, session=s)
    for original in ("Phạm", "Wiśniewska", "Okafor", "pham.thu.ha", "wisniewska"):
        assert original not in r.text
    assert pseudonymizer.restore(r.text, session=s) == text


def test_two_parts_of_one_name_never_draw_the_same_surrogate(pseudonymizer: Pseudonymizer) -> None:
    """Seen once in a CI run: "Phạm Thu Hà" became "Trần Giang Giang"; "Giang" could stand for one
    part only (rule 4), so "Hà" alone then got another surrogate. Vietnamese pools are small, so
    many draws make the clash likely if it can happen at all."""
    for _ in range(150):
        s = pseudonymizer.session()
        fam, mid, given = _surrogate(pseudonymizer, "Phạm Thu Hà", s).split()
        assert len({fam.casefold(), mid.casefold(), given.casefold()}) == 3
        assert _surrogate(pseudonymizer, "Hà", s) == given and _surrogate(pseudonymizer, "Thu", s) == mid


def test_email_readings_of_people_live_in_the_session_and_go_with_it(pseudonymizer: Pseudonymizer) -> None:
    """Reading an address against the session's people pairs originals with surrogates; kept for
    speed, that memo belongs to the session, so forgetting the session leaves none of it behind."""
    from pseudonym_core.surrogate import localpart

    s = pseudonymizer.session()
    r = pseudonymizer.pseudonymize("Aoibheann Byrne wrote from aoibheann.byrne@example.ie.", session=s)
    email = next(e.surrogate for e in r.entities if e.label == "EMAIL_ADDRESS")
    person = next(e.surrogate for e in r.entities if e.label == "PERSON")
    assert email.split("@")[0].replace(".", " ").casefold() == person.casefold()  # follows the surrogate person
    assert any("Aoibheann" in original for original, _ in s._readings)
    assert not hasattr(localpart._reading, "cache_info")  # no module-wide memo outliving sessions
    assert pseudonymizer.forget(s) > 0
    assert s._readings == {}


@pytest.mark.parametrize(
    ("text", "address", "kept"),
    [
        (
            "адрес: 194295, г. Санкт-Петербург, ул. Ивана Фомина, д. 7, к. 3, кв. 118\nтел.",
            "194295, г. Санкт-Петербург, ул. Ивана Фомина, д. 7, к. 3, кв. 118",
            ["г. ", "ул. ", ", д. ", ", к. ", ", кв. "],
        ),
        ("Мешкаю: м. Київ, вул. Хрещатик, буд. 22, кв. 5.", "м. Київ, вул. Хрещатик, буд. 22, кв. 5", ["м. ", "вул. "]),
        (
            "Cím: 1137 Budapest, Pozsonyi út 38. III/2.\nÜgyfélszám: 4",
            "1137 Budapest, Pozsonyi út 38. III/2",
            [" út ", "III/"],
        ),
        (
            "I live at Mártonapátii utca 181., H-9410 Mátratótkövesd.",
            "Mártonapátii utca 181., H-9410 Mátratótkövesd",
            [" utca ", ", H-"],
        ),
        ("Address: Weilova 91, 779 26 Bečov nad Teplou", "Weilova 91, 779 26 Bečov nad Teplou", [", "]),
    ],
)
def test_russian_ukrainian_and_hungarian_addresses_stay_in_their_country(
    pseudonymizer: Pseudonymizer, text: str, address: str, kept: list[str]
) -> None:
    """Their towns and streets come from the country's own lists, in its script; street words,
    units and layout stay ("г. Санкт-Петербург" was "г. Jhaveri-Dave", "III/2." was "MERCER/0.")."""
    r = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    entity = next(e for e in r.entities if e.text == address)
    assert all(part in entity.surrogate for part in kept), entity.surrogate
    letters = [c for c in entity.surrogate if c.isalpha()]
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    assert cyrillic == (len(letters) if any("\u0400" <= c <= "\u04ff" for c in address) else 0)
    assert entity.surrogate.split(",")[0] != address.split(",")[0]


def test_a_czech_town_stays_a_czech_town(pseudonymizer: Pseudonymizer) -> None:
    from pseudonym_core.surrogate.locales import cities

    text = "Address: Weilova 91, 779 26 Bečov nad Teplou"
    r = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    town = re.sub(r"^.*\d{3} \d{2} ", "", r.entities[0].surrogate)
    assert town in cities("cs"), town  # was "Crane yu Howe": the English rules for an unknown format


@pytest.mark.parametrize(
    ("text", "address", "kept"),
    [
        (
            "Seat: Narva mnt 5, 10117 Tallinn, Estonia, represented",
            "Narva mnt 5, 10117 Tallinn, Estonia",
            [" mnt ", ", Estonia"],
        ),
        (
            "Adres: Turnhoutsebaan 212 bus 3, 2140 Borgerhout?",
            "Turnhoutsebaan 212 bus 3, 2140 Borgerhout",
            ["baan ", " bus "],
        ),
        (
            "NO. 188 JINGJIA ROAD, YINZHOU DISTRICT, NINGBO 315100, CHINA",
            "188 JINGJIA ROAD, YINZHOU DISTRICT, NINGBO 315100, CHINA",
            [" DISTRICT", ", CHINA"],
        ),
    ],
)
def test_street_words_units_and_the_country_stay_in_the_surrogate(
    pseudonymizer: Pseudonymizer, text: str, address: str, kept: list[str]
) -> None:
    """The country closes the address as written, so the model still reasons about it; the street
    word ("mnt", "-baan") and the unit word ("bus") keep the address's shape."""
    r = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    entity = next(e for e in r.entities if e.text == address)
    assert all(part in entity.surrogate for part in kept), entity.surrogate
    assert entity.surrogate.split(",")[0] != address.split(",")[0]


def test_an_arabic_lineage_stays_and_tells_the_persons_gender() -> None:
    """ "هيفاء بنت خالد الشمري" (Haifa, daughter of Khalid) became a man's name without "بنت"."""
    from pseudonym_core.surrogate.names import parse
    from pseudonym_core.surrogate.person import _gender

    assert _gender(parse("هيفاء بنت خالد الشمري")) == "f"  # not the father's "خالد"
    assert _gender(parse("عبدالله بن سعد بن محمد القحطاني")) == "m"
    p = Pseudonymizer()
    for _ in range(5):  # fresh sessions draw fresh names
        r = p.pseudonymize("مع زوجتكم السيدة هيفاء بنت خالد الشمري (هوية", session=p.session())
        words = r.entities[0].surrogate.split()
        assert words[1] == "بنت" and len(words) == 4
        assert origin_index().gender(words[0], "given", "arabic") in ("f", None)
