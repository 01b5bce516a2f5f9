"""Hospitals, practices, schools, pharmacies, courts, banks … named head-first, in several languages.

"Zahnarztpraxis Dr. Albers", "Szpital Wojewódzki w Poznaniu", "Hôpital Saint-Louis", "Apotheke am
Markt", "Hospital Universitario La Paz": outside English the institution word comes first and the
name follows, with small connectors ("w", "am", "de la") between. spaCy's English model splits
these or calls the person in them a PERSON; the head word says what the whole is.

English names put the institution word last ("St. Vincent's University Hospital"); those are grown
leftwards by `orgs.py`. Here an English-ambiguous head ("Hospital", "Bank") counts only when a
Romance or Polish word follows it ("Hospital General", "Bank Pekao"), never in "Bank Holiday".
"""

from __future__ import annotations

import re

from ..surrogate.pools import is_plain_word
from .base import BaseDetector, Span

#: Scandinavian public bodies are one compound in the definite form, the kind at its end:
#: "Försäkringskassan", "Skatteverket", "Arbetsförmedlingen", "Hyresnämnden", "Skatteetaten",
#: "Utlendingsdirektoratet", "Socialstyrelsen". A bare "Nämnden" or "Banken" (the board, the bank)
#: has no name before its kind, so three letters at least must come first.
NORDIC_BODY = re.compile(
    r"(?<![\w-])[A-ZÅÄÖÆØ][a-zåäöæø]{2,}(?:verket|kassan|kassen|myndigheten|nämnden|nemnda|nævnet|"
    r"förmedlingen|etaten|direktoratet|styrelsen|inspektionen|tilsynet|fogden|ombudsmannen|"
    r"domstolen|tingsrätten|tingretten|forvaltningen|förvaltningen)(?=s?(?![\w-]))"  # genitive: "…styrelsens"
)
#: German public bodies: a national or regional adjective before a compound that ends in the
#: body's kind ("Deutsche Rentenversicherung Westfalen", "Eidgenössische Steuerverwaltung",
#: "Bayerische Landesbank"); the adjective's stem says whose, so "Gesetzliche Krankenversicherung"
#: (statutory health insurance) is no body.
GERMAN_BODY = re.compile(
    r"(?<![\w-])(?:Deutsch|Eidgenössisch|Österreichisch|Schweizerisch|Bayerisch|Sächsisch|Hessisch|"
    r"Niedersächsisch|Badisch|Württembergisch|Thüringisch|Brandenburgisch|Berliner|Wiener|Hamburger|Münchner|"
    r"Kölner|Zürcher|Bremer)(?:e|en|er|es)?[ ][A-ZÄÖÜ][a-zäöüß]+(?:versicherung|verwaltung|anstalt|kasse|behörde|"
    r"agentur|kammer|stiftung|verband|gericht|bank|amt|ministerium|direktion|polizei|universität|hochschule)"
    r"(?:[ ](?:Westfalen|Rheinland|Nord|Süd|Ost|West|Mitte|Bund|Baden-Württemberg|Bayern|Berlin|Hessen))?(?![\w-])"
)
#: Turkish bodies put their kind last, in the compound form: "Kadıköy Moda Şubesi" (branch), "Konak
#: Sosyal Güvenlik Merkezi", "Tüketici Hakem Heyeti", "Ankara Bilkent Şehir Hastanesi".
TURKISH_BODY = re.compile(
    r"(?<![\w-])(?:[A-ZÇĞİÖŞÜ][a-zçğıöşü]+[ ]){1,4}(?:Şubesi|Müdürlüğü|Bakanlığı|Hastanesi|Üniversitesi|"
    r"Belediyesi|Heyeti|Kurumu|Başkanlığı|Merkezi|Odası|Mahkemesi|Noterliği|Eczanesi|Lisesi|Okulu)(?![\w-])"
)
#: Finnish bodies: a place or name in the genitive, then the kind ("Helsingin yliopisto", "Tampereen
#: lyseon lukio", "Pirkanmaan käräjäoikeus"); a case ending may follow the kind ("yliopistossa").
FINNISH_BODY = re.compile(
    r"(?<![\w-])(?!(?:Tämän|Tuon|Sen|Hänen|Minun|Sinun|Meidän|Teidän|Heidän|Oman|Jonkin|Kaikkien|Uuden|Vanhan)[ ])"
    r"[A-ZÅÄÖ][a-zåäö]+n[ ](?:[a-zåäö]+n[ ])?(?:yliopisto|ammattikorkeakoulu|sairaala|lukio|"
    r"kaupunki|kaupungin|seurakunta|käräjäoikeus|hovioikeus|terveyskeskus|poliisilaitos|kansanopisto)"
)
#: Czech and Slovak bodies: adjectives (the first capitalised), then the kind ("Česká obchodní
#: inspekce", "Drážní úřad", "Celní správa", "Všeobecná zdravotní pojišťovna", "Komerční banka"), in any
#: case; not "Nová banka" (a new bank), "Další úřad" (another office) or a verbal noun before a genitive
#: ("Vyjádření banky", the bank's statement).
SLAVIC_BODY = re.compile(
    r"(?<![\w-])(?!(?:(?:Nov|Velk|Mal|Star|Dobr|Jin|Každ|Cel)[áíéý]|Další)[ ])(?![^\W\d_]+[eá]ní[ ])"
    r"[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][a-záčďéěíňóřšťúůýž]+[áíéý](?:[ ][a-záčďéěíňóřšťúůýž]+[áíéý]){0,2}[ ]"
    r"(?:úřad|úrad|správ|inspekc|pojišťovn|poisťovň|bank|komor|agentur|služb|soud|súd|polici|univerzit|nemocnic)"
    r"[a-záčďéěíňóřšťúůýž]{0,3}(?![\w-])"
)
#: Head words by language; the language also picks the surrogate's pools (surrogate/orgs.py).
HEADS: dict[str, str] = {
    **dict.fromkeys(
        "krankenhaus klinikum klinik kliniken praxis zahnarztpraxis arztpraxis hausarztpraxis gemeinschaftspraxis "
        "tierarztpraxis kinderarztpraxis physiotherapiepraxis apotheke schule grundschule gymnasium realschule "
        "gesamtschule berufsschule kindergarten kita universität hochschule fachhochschule amtsgericht landgericht "
        "oberlandesgericht arbeitsgericht sozialgericht verwaltungsgericht sparkasse kreissparkasse stadtsparkasse "
        "volksbank raiffeisenbank verein stiftung pflegeheim seniorenheim jobcenter finanzamt bürgeramt standesamt "
        "landratsamt kanzlei rechtsanwaltskanzlei steuerkanzlei notariat universitätsklinikum magistrat "
        "magistratsabteilung ministerium bundesministerium landesamt bundesamt bezirksamt amt polizei behörde "
        "ausländerbehörde akademie krankenkasse rathaus spital kantonsspital universitätsspital autohaus "
        "autowerkstatt werkstatt bäckerei metzgerei friseursalon reisebüro buchhandlung gaststätte brauerei".split(),
        "de",
    ),
    **dict.fromkeys(
        "hôpital hopital clinique polyclinique chu chr cabinet pharmacie école ecole collège lycée université "
        "tribunal banque caisse mutuelle mairie ehpad consulat ambassade préfecture prefecture ministère agence "
        "institut académie fondation société compagnie conseil cour".split(),
        "fr",
    ),
    **dict.fromkeys(
        "szpital klinika przychodnia gabinet apteka szkoła liceum przedszkole uniwersytet politechnika akademia "
        "sąd stowarzyszenie fundacja urząd poradnia zakład ministerstwo".split(),
        "pl",
    ),
    **dict.fromkeys(
        "clínica consultorio farmacia escuela colegio instituto universidad juzgado asociación fundación "
        "ayuntamiento ambulatorio sanatorio ministerio consulado embajada agencia audiencia policía compañía sociedad "
        "notaría comisaría consejo tesorería superintendencia secretaría procuraduría defensoría fiscalía "
        "organismo comisión consejería juzgados dirección caja universitat".split(),
        "es",
    ),
    **dict.fromkeys(
        "farmácia escola colégio universidade associação fundação polícia ministério agência câmara junta "
        "conservatória delegacia autoridade secretaria superintendência procuradoria defensoria".split(),
        "pt",
    ),
    **dict.fromkeys(
        "ospedale policlinico scuola liceo istituto università tribunale banca associazione fondazione azienda "
        "agenzia comune questura prefettura ministero accademia consolato ambasciata autofficina carrozzeria polizia "
        "carabinieri organismo cassa ordine procura".split(),
        "it",
    ),
    **dict.fromkeys(
        "ziekenhuis kliniek apotheek huisartsenpraktijk tandartspraktijk praktijk basisschool universiteit "
        "hogeschool rechtbank stichting vereniging gemeente".split(),
        "nl",
    ),
    **dict.fromkeys(
        "lékárna nemocnice poliklinika ministerstvo úřad univerzita soud lekáreň nemocnica univerzita policie "
        "policii".split(),
        "cs",
    ),
    **dict.fromkeys(
        "registrul ministerul agenția spitalul universitatea primăria tribunalul judecătoria colegiul direcția "
        "institutul inspectoratul ambasada autoritatea curtea".split(),
        "ro",
    ),
    **dict.fromkeys("hôtel hostal albergo gasthof gasthaus auberge ryokan".split(), ""),
    **dict.fromkeys(
        "sykehus sjukhus sygehus apotek skole skola universitet tingrett tingsrätt sairaala apteekki koulu "
        "yliopisto".split(),
        "nordic",
    ),
}
#: Heads that are also English words: they need a non-English follower.
AMBIGUOUS_HEADS = {
    "hospital": "es", "bank": "pl", "banco": "es", "clinica": "it", "centro": "es", "centrum": "pl", "hotel": "",
    "centre": "fr", "maison": "fr", "studio": "it",
}  # fmt: skip
_FOREIGN_FOLLOWERS = frozenset(
    """
    universitario universitário general geral clínico clinico regional infantil provincial comarcal municipal
    nacional militar central santa san são santo santos nuestra virgen reina infanta de del do da dos das
    polski pekao millennium śląski handlowy spółdzielczy ochrony zdrowia medyczne santander sabadell
    popular bilbao português portugues comercial espírito legale associato medico dentistico notarile peritale
    tecnico hospitalier d'état
    """.split()
)
#: Small words inside a name: "am", "w", "de la", "im." (imienia), titles of the person it is named after.
_CONNECTORS = frozenset(
    """
    am an der die des dem den im zu zum zur für bei und w we na i dla pod przy im. de del della di du des d' la
    le les y e et el do da dos das und van von ten ter aan op delle dello degli dei
    """.split()
)
#: Lower-case words that say which kind of institution the head is: "École primaire Saint-Rédempteur".
_DESCRIPTORS = frozenset(
    """
    primaire maternelle élémentaire secondaire publique privée podstawowa ponadpodstawowa publiczna primaria
    secundaria pública publica elementare media statale comprensiva superiore dentaire médical medical
    """.split()
)
_TITLES = frozenset("dr. dr med. dent. prof. st. sankt santa san são św. sw. nr. nr".split())
#: An elided article is a token of its own, so its noun can head a name: "l'Agenzia delle Entrate".
_ELIDED = r"(?:[lLdD]|[dDaAnNsS](?:ell|all|ull))['’](?=[A-ZÀ-Þ])"
_TOKEN = re.compile(rf"{_ELIDED}|[^\W\d_][\w'’.-]*|\d+[\w/]*|&")
#: Companies named in Chinese, Japanese or Korean by their legal form: "上海云帆科技有限公司", "株式会社サクラ".
#: Japanese forms, before or after the name: "合同会社佐々木通信", "医療法人社団さくら会".
JA_FORMS = (
    "株式会社|合同会社|有限会社|合資会社|合名会社|一般社団法人|一般財団法人|医療法人(?:社団)?|学校法人|社会福祉法人"
)
#: Korean forms, before or after the name: "유한회사 백제바이오", "(주) 종합은행", "삼성전자㈜".
KO_BRACKETED = r"\(주\)|㈜|\(유\)"
KO_FORMS = rf"주식회사|유한회사|유한책임회사|합자회사|합명회사|{KO_BRACKETED}|사단법인|재단법인|의료법인|학교법인"
_JA = r"[\u3005\u3040-\u30ff\u4e00-\u9fff]"
CJK_COMPANY = re.compile(
    r"(?<![\u4e00-\u9fff\u3040-\u30ff])[\u4e00-\u9fff]{2,16}(?:股份有限公司|有限责任公司|有限公司|有限會社|集团|集團)"
    # "々" repeats a kanji ("佐々木"); a letterhead spaces the parts: "医療法人社団 恵比寿会 みなと内科クリニック"
    # a particle after the form is the sentence going on: "合同会社 にも問い合わせ済"
    rf"|(?:{JA_FORMS})[ \u3000]?(?![にはをがのともでへや]){_JA}{{1,15}}(?:[ \u3000]{_JA}{{1,15}}){{0,2}}"
    rf"|(?<![\u3005\u30a0-\u30ff\u4e00-\u9fff])[\u3005\u30a0-\u30ff\u4e00-\u9fff]{{1,15}}(?:{JA_FORMS})"
    # a bracketed form is glued to the name; a word before a spaced form must not end in a particle
    # ("판매자는 주식회사 카카오": the seller is 주식회사 카카오)
    rf"|(?:{KO_FORMS})[ ]?[\uac00-\ud7af]{{1,10}}"
    rf"|(?<![\uac00-\ud7af])[\uac00-\ud7af]{{1,10}}(?:{KO_BRACKETED}|(?<![는은를을의])[ ]?(?:{KO_FORMS}))"
)
#: A Korean particle of two syllables or more glued to a name after its form: "(주)한빛가전이며" (one
#: syllable could end the name itself); the pattern always matches, empty where there is none.
_KO_TAIL = re.compile(
    r"(?<=[\uac00-\ud7af]{2})(?:에서|에게|에는|으로|까지|부터|이며|이고|이나|이랑|하고|에도|처럼|보다|입니다|이에요)$|$"
)
_STOP_AFTER = re.compile(r"[,;:()\[\]!?\n]")
#: Above spaCy's 0.85: the head word says what the whole is, where NER guessed "Amtsgericht München"
#: to be a person or "Hôpital Saint-Louis" a place over the same characters.
INSTITUTION_SCORE = 0.9


#: Romance names put up to three lower-case words between the head and the place or person they
#: are named after: "Caisse d'allocations familiales de la Gironde", "Centre d'état civil de Thiès".
_LOWER_WORDS = 3
_ROMANCE = ("fr", "es", "it", "pt")


def _lower_word(tok: str) -> bool:
    """A lower-case content word of four letters or more, or an elided one ("d'allocations")."""
    word = re.sub(r"^[dl]['’]", "", tok)
    return tok.islower() and word.isalpha() and len(word) >= 4


def _cap(tok: str) -> bool:
    return tok[:1].isupper() or tok[:1].isdigit()


def head_language(token: str) -> str | None:
    """The language of an institution head word, exact or as the end of a German compound."""
    word = token.casefold().rstrip(".")
    if word in HEADS:
        return HEADS[word]
    if word in AMBIGUOUS_HEADS:
        return AMBIGUOUS_HEADS[word]
    if len(word) > 8 and word.endswith(("klinikum", "klinik", "krankenhaus", "praxis", "apotheke", "schule")):
        return "de"
    if len(word) > 12 and word.endswith(("universiteit", "ziekenhuis", "hogeschool")):
        return "nl"  # "Rijksuniversiteit Groningen", "Academisch Ziekenhuis": Dutch compounds
    if len(word) > 10 and word.endswith(("universitet", "sjukhuset", "sykehuset", "sygehus", "vårdcentralen")):
        return "nordic"  # "Vårdcentralen Södermalm", "Universitetssjukhuset Örebro"
    return None


class InstitutionDetector(BaseDetector):
    """Head-first institution names ("Szpital Wojewódzki w Poznaniu") as one ORGANIZATION."""

    name = "institutions"
    labels: frozenset[str] = frozenset({"ORGANIZATION"})

    def detect(self, text: str) -> list[Span]:
        spans_cjk = [
            Span(m.start(), m.end() - len(_KO_TAIL.findall(m.group())[0]), "ORGANIZATION", INSTITUTION_SCORE, self.name)
            for m in CJK_COMPANY.finditer(text)
        ]
        nordic = [
            Span(m.start(), m.end(), "ORGANIZATION", INSTITUTION_SCORE, self.name)
            for pattern in (NORDIC_BODY, GERMAN_BODY, TURKISH_BODY, FINNISH_BODY, SLAVIC_BODY)
            for m in pattern.finditer(text)
        ]
        return spans_cjk + nordic + self._heads(text)

    def _heads(self, text: str) -> list[Span]:
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        spans: list[Span] = []
        i = 0
        while i < len(toks):
            tok = toks[i][2]
            if not _cap(tok) or head_language(tok) is None:
                i += 1
                continue
            last = self._grow(text, toks, i)
            if last is None:
                i += 1
                continue
            first = self._grow_left(text, toks, i)
            span_end = toks[last][1]
            if text[span_end - 1] == "." and toks[last][2].casefold() not in _TITLES:
                span_end -= 1  # a sentence's full stop, not part of the name
            spans.append(Span(toks[first][0], span_end, "ORGANIZATION", INSTITUTION_SCORE, self.name))
            i = last + 1
        return spans

    def _grow(self, text: str, toks: list[tuple[int, int, str]], i: int) -> int | None:
        """The last token of the name after head `i`, or None when no name follows."""
        head = toks[i][2].casefold()
        k, last, named, lowers = i, None, False, 0
        while k + 1 < len(toks) and k - i < 8:
            gap = text[toks[k][1] : toks[k + 1][0]]
            if (
                _STOP_AFTER.search(gap)
                or len(gap) > 2
                or (toks[k][2].endswith(".") and toks[k][2].casefold() not in _TITLES)  # "Hospital. Madam Siti"
            ):
                break
            nxt = toks[k + 1][2]
            folded = nxt.casefold()
            plain = not _cap(nxt) or is_plain_word(nxt.rstrip(".,;:"))
            elided = re.match(r"[dl]['’]\w", folded) is not None  # "Centre d'état civil": no English name
            if (
                k == i
                and head in AMBIGUOUS_HEADS
                and folded not in _FOREIGN_FOLLOWERS | _CONNECTORS
                and plain
                and not elided
            ):
                return None  # "Bank Leumi", "Hotel Sunroute", but not "Bank Holiday" or "Hospital Staff"
            if folded in _CONNECTORS or folded in _TITLES or (folded in _DESCRIPTORS and k == i):
                k += 1
                continue
            if nxt[:1].isdigit() and toks[k][2].casefold() in _CONNECTORS:
                break  # a date after "del": "Polizia Locale di Bologna del 19/03"
            if lowers and _cap(nxt) and toks[k][2].casefold() not in _CONNECTORS:
                break  # lower-case words take a name only through "de", "du" …
            if (_cap(nxt) and head_language(nxt) is None) or (_cap(nxt) and k > i):
                k += 1
                last, named = k, True
                continue
            if not named and lowers < _LOWER_WORDS and _lower_word(nxt) and head_language(head) in _ROMANCE:
                k, lowers = k + 1, lowers + 1  # "Caisse d'allocations familiales de la Gironde"
                continue
            break
        return last if named else None

    @staticmethod
    def _grow_left(text: str, toks: list[tuple[int, int, str]], i: int) -> int:
        """A brand before the head belongs to the name: "Helios Klinikum", "Asklepios Klinik"."""
        j = i
        while j > 0 and i - j < 2:
            prev = toks[j - 1]
            gap = text[prev[1] : toks[j][0]]
            if gap != " " or not prev[2][:1].isupper() or prev[2].endswith(".") or prev[2].casefold() in _CONNECTORS:
                break
            before = text[max(0, prev[0] - 3) : prev[0]].rstrip(" \t")
            if not before or before[-1] in ".!?:\n":
                break  # a sentence-initial word is not evidence of a brand
            j -= 1
        return j
