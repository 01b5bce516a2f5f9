"""User names and handles: "@jdoe", "logged in as lena.k", "[10:42] lena.k: …", "<support_jkelly>".

A user name is an identifier a person chose; no name list or NER model knows "lena.k" or
"support_jkelly". The evidence is around it: an "@", a cue ("username", "login", "GitHub"), the
speaker slot of a chat log, or the local part of an e-mail address in the same text.

Over-masking is the risk: "the user reported", "login failed", "Slack yesterday". So a value after a
weak cue must look like a user name (a separator, a digit, or no English word), and a speaker label
must not be a role ("User:", "Agent:") or an English word.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache

from ..surrogate.pools import is_plain_word
from .base import UNSPACED_LETTERS, BaseDetector, Span

_HANDLE_CHARS = r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]{0,38}[A-Za-z0-9_])?"
_AT_HANDLE = re.compile(rf"(?<![\w.@/+-])@({_HANDLE_CHARS})(?![\w@]|\.[A-Za-z]{{2,}}\b)")
#: A handle in another script ("@小鱼儿 好呀", "@콩이네 정보"): unspaced scripts run on into the
#: sentence, so only a short one that a blank or a punctuation mark ends counts.
_AT_NATIVE = re.compile(r"(?<![\w.@/+-])@([^\W\d_A-Za-z][^\W_]{0,11})(?=[\s,.!?:;)，。！？：；、]|$)")
#: A login as the author of a note, with a date or a time: "Adjuster notes (kwhitfield, 03/18/2025)",
#: "(lmarchetti): …"; not a dose or a version ("(apixaban, 5 mg bid)", "(numpy, 1.26)"). Before
#: "):" a bracket as often holds a role or a remark in another language ("(cotitular):", "(fritext):"),
#: so there only an initial glued to a family name counts.
_AUTHOR = re.compile(
    r"\((?P<value>[a-z]{5,20})(?P<dated>\):|,[ \t]*(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d\d-\d\d|\d{1,2}:\d\d)\b)"
)
#: Brands whose name alone, before a user name, is cue enough ("Slack lena.k"); "X", "Line",
#: "Signal" or "Teams" count only after "on"/"via" or before "handle"/"username".
_BRANDS = (
    r"slack|discord|github|gitlab|bitbucket|twitter|instagram|insta|tiktok|telegram|reddit|skype|linkedin|"
    r"mastodon|bluesky|twitch|snapchat|keybase|wechat|strava|venmo|cashapp|roblox|minecraft|kakaotalk|weibo|tumblr|"
    r"kaggle|leetcode|codeberg|dribbble|behance|pinterest"
)
_PLATFORMS = (
    r"slack|discord|github|gitlab|bitbucket|twitter|x|instagram|insta|ig|tiktok|telegram|reddit|skype|teams|"
    r"linkedin|mastodon|bluesky|twitch|steam|xbox|psn|snapchat|threads|youtube|keybase|matrix|signal|wechat|line"
)
#: A cue that names the value outright ("username: …", "GitHub handle …").
_STRONG_CUE = re.compile(
    rf"(?i:\b(?:user[ -]?names?|user[ -]?ids?|logins?(?: names?| ids?)?|log-ins?|buyer id|seller id|member id|"
    r"screen ?name|nick(?:name)?|handle|gamertag|"
    r"benutzer(?:name|kennung|-?id)?|identifiant|utilisateur|usuario|nome utente|gebruikersnaam|gebruiker|"
    r"nazwa użytkownika|użytkownik|kullanıcı adı|kullanıcı|användarnamn|brukernavn|käyttäjätunnus|tunnus|"
    r"kennung|utente|usuário|uživatel|přihlašovací jméno|логин|юзер|пользователь|ign|riot id|battletag|"
    r"微信号|微信|카톡 아이디|카카오톡 아이디|"  # WeChat and KakaoTalk IDs: "微信号：siyu_chen_0823"
    rf"account name|alias|(?:{_PLATFORMS})(?: (?:handle|username|user|name|id|account|profile))|"
    rf"(?:logged|signed) (?:in|on) as|login as|log in as|sign in as)\b)"
    r"(?P<sep>[\"']?[ \t]*+(?:[:=,]|\b(?:is|was|are|were|sind|son|est|sont)\b|-)?[ \t]*+[\"'`“‘(]?@?)"
    rf"(?P<value>{_HANDLE_CHARS})"
)
#: A weaker cue ("user", "account", "on GitHub", "reviewed by"): the value must look like a user name.
_WEAK_CUE = re.compile(
    rf"(?i:\b(?:user|account|(?:on|via|in|from) (?:{_PLATFORMS})|(?:{_BRANDS})|(?:posted|reviewed|reported|"
    rf"requested|approved|submitted|created|assigned|closed|opened|updated|edited|message|comment|reply) by|"
    rf"by|reviewer|assignee|assigned to|owner|author|moderator|recruiter|agent|requester|buyer|seller|player|"
    # a marketplace's shop: "Toko: gadgetmurah_sby" (not "store", a word of code: "store = redis_cache_01")
    r"streamer|winner|dm|shop|toko|tienda|loja))(?![\w-])"
    r"(?P<sep>[ \t]*(?:[:=]|\bis\b|\bas\b|-)?[ \t]*[\"'`“‘(]?@?)"
    rf"(?P<value>{_HANDLE_CHARS})"
)
#: A login named before its platform: "find me as john_smith84 on GitHub", "I'm jsmith via Slack".
_PLATFORM_AFTER = re.compile(
    rf"(?<![\w.@/+-])(?P<value>{_HANDLE_CHARS})[ \t]+(?i:on|via|at|in)[ \t]+(?i:{_BRANDS})(?![\w-])"
)
#: Chat-log speaker slots: "[10:42] lena.k: …", "10:42 <support_jkelly> …", "lena.k: …" at a line
#: start, and Slack exports that put the time after the name: "nguyen.huong  10:42  hey team".
_SPEAKER = re.compile(
    r"(?m)^[ \t]*(?:\[?\d[\d/.:\- ]{3,21}\]?[ \t]*"
    r"|\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?[ \t]+[\d/.: ]{4,12}\][ \t]*)?"
    # a role written in Chinese, Japanese or Korean before the handle: "用户 Lily_CN88：", "買家 lin_yt:"
    rf"(?:[{UNSPACED_LETTERS}]{{1,6}}[ \t\u3000]+)?"
    r"(?:<(?P<irc>[@+%]?[A-Za-z0-9_][\w.\-|]{0,30})>"
    # Discord's "**brodie_runs**:"; a role in brackets before the colon: "luhh.fps (Mod):"
    r"|(?:u/)?\*{0,2}(?P<colon>[A-Za-z0-9_][\w.\-]{1,31})\*{0,2}(?:[ \t]\([^()\n]{1,20}\))?"
    rf"(?::(?=[ \t{UNSPACED_LETTERS}])|：)"  # "Lily_CN88：你好" (NFKC makes "：" ":")
    # "tigist.bekele (IT) 09:10": a team in brackets between the handle and the time
    # Discord's export puts a dash between: "frostbyte_jay — 7:42 PM"
    r"|(?P<timed>[A-Za-z0-9_][\w.\-]{1,31})[ \t]+(?:\([^()\n]{1,20}\)[ \t]+)?(?:[—–][ \t]+)?"
    r"(?=\d{1,2}:\d{2}(?:[ \t]?[AaPp]\.?[Mm]\.?)?(?:[ \t]|$)))"
)
#: A code host's actor: "**d-volkova** commented on Feb 27", "d-volkova opened this issue", and the
#: branch owner of a merge: "Merge pull request #4471 from eaydin/feature-x".
_ACTOR = re.compile(
    r"(?m)^[ \t]*\*{0,2}(?P<value>[A-Za-z0-9][\w.\-]{1,38})\*{0,2}[ \t]+(?:commented|opened this|closed this|"
    r"reopened this|merged \d+ commits?|approved these changes|requested changes|force-pushed|pushed \d+ commits?)\b"
    r"|(?i:merge(?:d)? (?:pull request|PR) #\d+ from )(?P<owner>[A-Za-z0-9][A-Za-z0-9-]{0,38})/"
)
#: A handle in parentheses after a name or a role: "Ірина Петренко (irina.p)", "buyer (tolu_adebayo):".
_PAREN = re.compile(
    r"\((?:(?P<label>(?i:id|user|login|handle|utente|usuario|usuário|utilisateur|benutzer|kennung|użytkownik|uživatel|"
    r"kullanıcı|tunnus|логин|юзер))[ \t:]+)?"
    r"(?P<value>[A-Za-z0-9_][\w.\-]{1,31})(?=[),])"
)
#: A login in capitals, as mainframes and ERP systems write them: "MZANETT5", "IMARTINEZP".
_CAPS_LOGIN = re.compile(r"[A-Z]{4,12}\d{0,3}")


def _caps_login(value: str) -> bool:
    """ "MZANETT5", "IMARTINEZP"; not a status ("FAILED", "DELETED") nor a server ("NGINX")."""
    from .banks import software_names

    return _CAPS_LOGIN.fullmatch(value) is not None and not wordlike(value) and value.casefold() not in software_names()


#: A login at a machine: "ssh petrenko@app-03", the prompt "ahmed@build-07:~$". Only after "ssh" or
#: before a prompt's ":~", ":/", "$" or "#": "react@latest", "git@github" and "app@db-primary" in a
#: database URL are packages, hosts and service accounts.
_HOST_LOGIN = re.compile(
    r"(?:\bssh[ \t]+(?:-\w+(?:[ \t]+\S+)?[ \t]+)*|^[ \t]*|[ \t])"
    r"(?P<value>[A-Za-z_][\w.-]{0,30}[\w])@(?P<host>[A-Za-z][\w-]{0,62})(?![\w.@-]|\.\w)",
    re.M,
)
_PROMPT_AFTER = re.compile(r":[~/]|[ \t]*[$#][ \t]")
#: Accounts of services and images, not of people.
_SERVICE_ACCOUNTS = frozenset(
    "ubuntu ec2-user git deploy postgres backup jenkins ansible www-data nginx apache oracle mysql pi centos "
    "debian admin root user vagrant docker k8s svc service app build ci runner dependabot renovate "
    "github-actions snyk-bot codecov".split()
)
#: Branch prefixes after "from" in a merge message ("from feature/login-fix"), and the bots of code
#: hosts, which merge and comment as accounts of their own.
_BRANCH_WORDS = frozenset(
    "feature features release hotfix bugfix fix main master develop dev chore docs refactor vercel netlify "
    "sonarcloud mergify greenkeeper imgbot allcontributors".split()
)
#: A Windows account with its domain, written whole: "ACN\\mc.delacruz", "actor=BRIGHTLINE\\rmalhotra".
#: Not a path ("C:\\Users", "\\\\SERVER\\share\\dir", "HKLM\\Software"): one backslash, a domain of two
#: letters or more, and nothing path-like on either side.
_DOMAIN_LOGIN = re.compile(
    r"(?<![\w\\/.-])(?P<domain>[A-Z][A-Z0-9-]{1,14})\\(?P<value>[A-Za-z][\w.\-]{0,30}[A-Za-z0-9])(?![\w\\/]|\.\w)"
)
#: A home folder names its owner: "C:\\Users\\jsmith\\Desktop", "/home/kwozniak/", "/Users/anna.berg/".
_HOME_DIR = re.compile(
    r"(?:\b[A-Za-z]:\\{1,2}(?i:users|documents and settings)\\{1,2}|(?<![\w.])/(?:home|Users)/|~)"
    r"(?P<value>[A-Za-z][\w.\-]{1,30}[A-Za-z0-9])(?=[\\/]|[ \t\n\"'`),;]|$)"
)
#: The rest of a home folder's name after a blank: one or two capitalised words, then the next
#: separator ("Maren Kvistad\\"); "C:\\Users\\bob and then /tmp" is prose after the folder.
_SPACED_OWNER = re.compile(r"[ \t][^\W\d_a-z][^\W\d_]*(?:[ \t][^\W\d_a-z][^\W\d_]*)?[\\/]")
_SHARED_HOMES = frozenset(
    "public default shared guest all users administrator user node jovyan linuxbrew runneradmin vscode codespace "
    "codespaces circleci travis jenkins gitlab-runner www-data postgres oracle administrador administrateur "
    "amministratore utilisateur benutzer usuario usuarios".split()
)
#: Registry hives and the shared accounts of machines and services: "HKLM\\…", "SWB\\scan-og2".
_NOT_DOMAINS = frozenset(
    "hklm hkcu hkcr hku hkey nt builtin authority system software docs doc src bin app apps lib config conf "
    "ascii unicode data tmp temp var etc usr opt assets static public include test tests".split()
)
#: A value after the backslash that is an escape ("\\xFF", "\\u00e9") or a CamelCase key
#: ("SYSTEM\\CurrentControlSet"), not a login.
_NOT_LOGIN_VALUE = re.compile(r"x[0-9A-Fa-f]{2,}|u[0-9A-Fa-f]{4}|[A-Z][a-z]+[A-Z]\w*")
_FUNCTION_ACCOUNTS = frozenset(
    "scan scanner print printer svc service backup sql iis kiosk shared sync batch ftp web api bot task "
    "system local network".split()
)
#: A nickname in Chinese, Japanese or Korean letters with digits or an underscore ("小鹿乱撞2019",
#: "고양이집사_88"): at a chat line's start before its colon, or as a field's value after one.
_NATIVE_HANDLE = re.compile(
    rf"(?:(?m:^)[ \t]*|[:：][ \t]*)(?P<value>[{UNSPACED_LETTERS}]{{2,10}}(?:\d{{2,6}}|_[^\W_]{{1,10}}))"
    r"(?=[ \t]*[:：]|[\s,，。;；)）]|$)"
)
#: Two logins of the initial-and-family scheme side by side: "bgrant and sfaulkner", "mbrandt und
#: wjansen". One alone in prose may be a word of some language; two in a list are accounts.
_LOGIN_PAIR = re.compile(
    r"(?<![\w.@/-])(?P<a>[a-z]{5,20})(?:,[ \t]*|[ \t]+(?:and|und|y|et|i|e|&|or|oder|och|og|en)[ \t]+)"
    r"(?P<b>[a-z]{5,20})(?![\w@-])"
)
#: A game account with its tag: Riot's "GrantTheGoat#NA1", Discord's old "summerwind#4410".
_GAME_TAG = re.compile(r"(?<![\w#/@&])(?P<value>[A-Za-z][A-Za-z0-9_.]{2,31})#(?:\d{4,5}|[A-Z0-9]{2,5})(?![\w#])")
#: The next item of a list of logins: ", ", "and", "und", "y", "et", "i", "e", "or".
_LIST_NEXT = re.compile(
    rf"(?:[ \t]*,[ \t]*(?:(?:and|und|y|et|i|e|or|oder|o|ou)[ \t]+)?|[ \t]+(?:and|und|y|et|i|e|or|oder|o|ou)[ \t]+)"
    rf"(?P<value>{_HANDLE_CHARS})(?![\w@])"
)
#: A quoted message's header: "On 10 March 2025, koala_kitchen_will wrote:", "lena.k wrote:".
_WROTE = re.compile(rf"(?<![\w.@])(?P<value>{_HANDLE_CHARS})[ \t]+(?:wrote|schrieb|a écrit|escribió|scrisse|schreef)\b")
#: Reddit-style "u/name" (twenty characters on Reddit; copies elsewhere run longer).
_REDDIT = re.compile(r"(?<![\w/])u/(?P<value>[A-Za-z0-9_-]{3,32})(?![\w/])")
#: A post's byline in a forum or a feed: the author, a dot, and when ("bürokratie_bernd · 5 Feb 2025",
#: "↳ ledger_lass · 12h"). Letters of any script: forums take "ü" in a handle.
_BYLINE = re.compile(
    r"(?m)^[ \t]*(?:[↳>][ \t]*)?(?P<value>[^\W_][\w.\-]{1,31})[ \t]+[·•][ \t]+"
    r"(?=\d{1,2}[ \t]*(?:[smhdw]|min|mins|hrs?|hours?|days?|weeks?)\b|\d{1,2}[ \t.][ \t]*[^\W\d_]{3,}\.?[ \t]+\d{4}|"
    r"[^\W\d_]{3,}\.?[ \t]+\d{1,2},?[ \t]+\d{4}|\d{4}[-./]\d\d?[-./]\d\d?|\d{1,2}[./]\d{1,2}[./]\d{2,4}|"
    r"yesterday|today|just now)"
)
_RUN = re.compile(r"(?<![\w.@+-])[\w.+-]+")
_EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9][A-Za-z0-9._+-]{1,63})@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
#: Roles and function words that fill a user-name slot without being anybody's name.
_NOT_NAMES = frozenset(
    """
    user users admin administrator root guest system bot assistant agent customer client support help helpdesk
    me you him her them us it this that there here everyone everybody channel all none null undefined true
    false anonymous unknown someone somebody info sales contact noreply no-reply mailer-daemon postmaster
    webmaster team staff service notifications news hello office mail test example human ai moderator mod
    operator host server console note notes system error warning debug trace q a re fw fwd subject to from cc
    bcc date sent tel phone fax mobile email e-mail http https www ftp mailto login logon username password
    handle account name id pin code
    """.split()
)
#: Words a decorator or a chat mention uses that are not people ("@here", "@dataclass").
_NOT_HANDLES = frozenset(
    """
    here channel everyone all dataclass property staticmethod classmethod override param return returns
    throws deprecated author since version see link todo fixme media import keyframes font-face
    """.split()
)
_HTML = frozenset("a b i p u br hr em tr td th li ol ul div span img html head body table code pre small".split())
#: File extensions and domains: "report.pdf", "example.com" are no logins.
FILE_OR_DOMAIN = frozenset(
    """
    com org net edu gov io co uk de fr pl es it nl eu info biz app dev ai me us ca au in jp cn ru br ch at be se no
    dk fi ie pt pdf doc docx txt png jpg jpeg gif csv xls xlsx zip gz tar py js ts html htm json xml log exe md
    yml yaml sh ini cfg conf mp3 mp4 mov avi svg ppt pptx odt rtf eml msg
    """.split()
)
USERNAME_SCORE = 0.75


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words ("for", "and", "whose"): WordNet, behind `is_plain_word`, has none."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def wordlike(token: str) -> bool:
    """An English word, or one with a plain inflection ending ("reported", "logins", "failed")."""
    word = token.casefold()
    if is_plain_word(word) or word in _NOT_NAMES or word in _stop_words():
        return True
    for suffix, repl in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and is_plain_word(word[: -len(suffix)] + repl):
            return True
    return False


def strongly_shaped(token: str) -> bool:
    """A dot or underscore joining letters ("lena.k", "m_wozniak") or letters with a digit suffix
    ("jsmith84"): the shapes that almost only logins have. Mixed-case lab codes ("HbA1c") are not."""
    core = token.strip("._-")
    if len(core) < 3 or not username_shaped(core):
        return False
    return bool(re.search(r"[A-Za-z][._][A-Za-z]", core) or re.fullmatch(r"[a-z]+[._-]?\d{1,4}", core)) or (
        initial_and_family(core)
    )


@lru_cache(maxsize=65536)
def initial_and_family(token: str) -> bool:
    """One or two initials glued to a family name of the pools ("lmarchetti", "kwhitfield"): the
    login scheme of most companies. The whole must be no word of English or of the engine's other
    languages ("amore" is Italian, "ahead" English)."""
    from ..decide.frequency import frequent_in_any
    from ..decide.words import FOREIGN_ZIPF, OTHER_LANGUAGES, is_known_name, zipf
    from ..surrogate.pools import name_index

    if not re.fullmatch(r"[a-z]{5,20}", token):
        return False
    index = name_index()  # the cheap tests first: most tokens end in no family name
    if not any(len(token) - k >= 4 and (index.is_family(token[k:]) or is_known_name(token[k:])) for k in (1, 2)):
        return False
    return not wordlike(token) and zipf(token) < 2.5 and not frequent_in_any(token, OTHER_LANGUAGES, FOREIGN_ZIPF)


#: The capitalised words right before a bracket: the name a login in it may be made of. A double
#: given name counts as its parts ("Juha-Pekka Heikkilä (jpheikkila)").
_NAME_BEFORE = re.compile(r"\b([A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)*)(?=(?:[ ][A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)*)*[ ]?$)")


def derived_login(value: str, name_words: list[str]) -> bool:
    """A login made of the name before it: initials and a whole part, in any order, digits
    allowed at the end ("Tan Wei Ming (wmtan)", "Luca Bernasconi (LBERNAS01)", "Jo Watts (jwatts)").
    Two parts of the name at least, one of them three letters or more."""
    from ..normalize import fold_accents

    core = re.sub(r"\d+$", "", value).casefold()
    # logins drop accents: "Heikkilä" is "heikkila" in one
    words = [fold_accents(p) for w in name_words[-4:] for p in w.split("-")][-4:]
    if not re.fullmatch(r"[a-z]{3,20}", core) or len(words) < 2:
        return False

    @cache  # (position, words used, a long part seen): few states, never exponential
    def split(pos: int, mask: int, long_part: bool) -> bool:
        if pos == len(core):
            return bin(mask).count("1") >= 2 and long_part
        for k, w in enumerate(words):
            if mask >> k & 1:
                continue
            n = 0
            while n < len(w) and pos + n < len(core) and core[pos + n] == w[n]:
                n += 1
                if split(pos + n, mask | 1 << k, long_part or n >= 3):
                    return True
        return False

    return split(0, 0, False)


#: Words joined by "_" or "." ("hope_not_toxic"), or capitalised words run together with no space
#: ("CozyCornerCass", "ZvezdaNochi"): how people name themselves in chats and games.
_JOINED_WORDS = re.compile(
    r"[A-Za-z]{2,}(?:[._][A-Za-z0-9]+)+|[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+"
    r"|[a-z]+[A-Z][a-z]+(?:[A-Z][a-z0-9]*)*"  # gamer style: "xXmooseknuckleXx", "noScopeNat"
)


#: A log line's stamp (seconds, an ISO date) or level: what precedes a logger's name, not a speaker's.
_LOG_LINE = re.compile(
    r"\d{1,2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}|\b(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE|FATAL|CRITICAL)\b"
)


def chat_handle(token: str, timed: bool) -> bool:
    """A chat speaker's handle made of joined words: only where the slot is surely a speaker's. With
    a time stamp any such handle ("hope_not_toxic"); with several turns only one with a part that is
    no English word ("CozyCornerCass"), since "TargetUserName:" and "page_label:" repeat in logs."""
    if _JOINED_WORDS.fullmatch(token) is None or wordlike(token):
        return False
    parts = [p for p in re.split(r"[._]|(?<=[a-z0-9])(?=[A-Z])", token) if p]
    return timed or not all(wordlike(p) or len(p) < 3 for p in parts)


def _says_something(text: str, end: int) -> bool:
    """Three words or more after the colon: a turn of a chat, not the value of a form field."""
    line_end = text.find("\n", end)
    return len(text[end : len(text) if line_end < 0 else line_end].split()) >= 3


def username_shaped(token: str) -> bool:
    """Has the marks of a chosen login: a separator or digit inside letters, or no English word."""
    core = token.strip("._-")
    if len(core) < 2 or core.isdigit() or not any(c.isalpha() for c in core):
        return False
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", core) or re.split(r"[.]", core)[-1].casefold() in FILE_OR_DOMAIN:
        return False  # "e.g", "i.e", "report.pdf", "example.com"
    if "." in core and not re.search(r"[A-Za-z]", core.split(".")[-1]):
        return False  # "v2.3", "1.2.3"
    hyphened = [p for p in core.split("-") if p]
    inner_initial = any(len(p) == 1 for p in hyphened[1:-1])
    if "-" in core and all(wordlike(p) for p in hyphened) and not inner_initial:
        return False  # "auto-generated", "t-cell", "vitamin-d"; not "summer-r-bishop" (an initial inside)
    parts = [p for p in re.split(r"[._]", core) if p]
    if len(parts) > 1 and all(p.isalpha() and len(p) >= 3 and wordlike(p) for p in parts):
        return False  # "page_label", "file_name": a field name, not a login
    if re.search(r"[A-Za-z][._\-]?\d|[._][A-Za-z]|[A-Za-z]_", core):
        return True
    return core.islower() and len(core) >= 3 and _not_a_word(core)


def _a_name_goes_on(text: str, end: int) -> bool:
    """After a weak cue a word of letters is a person's name, not a login, where the word goes on in
    letters no login allows ("by asbjørn" read as "asbj") or a name of the pools follows it ("signed
    by kamya singh"): a login is one token."""
    if end < len(text) and text[end].isalpha():
        return True
    nxt = re.match(r"[ \t]([^\W\d_]{2,})(?![\w.@-])", text[end : end + 40])
    if nxt is None or not text[end - 1].isalpha():
        return False
    from ..decide.words import is_known_name

    return is_known_name(nxt.group(1))


def _not_a_word(token: str) -> bool:
    """No word of English nor of the other languages the engine reads: "bom" and "esse" after the
    Portuguese "Usuário:" are the chat going on, not a login."""
    from ..decide.frequency import frequent_in_any
    from ..decide.words import OTHER_LANGUAGES

    if len(token) < 3 or wordlike(token):
        return False
    # "summer-r-bishop" is no phrase of any language; "validado" is a word, if a rare one
    return not token.isalpha() or not frequent_in_any(token.casefold(), OTHER_LANGUAGES, _LOGIN_ZIPF)


#: A login is rarer than this in every language the engine reads ("petrenko" 2.4, "validado" 2.8).
_LOGIN_ZIPF = 2.7


class UsernameDetector(BaseDetector):
    """@handles, cued user names, chat speaker labels and e-mail local parts quoted on their own."""

    name = "usernames"
    reads_case = True  # matches exact shapes: reads the text as written, not the re-cased view
    #: IDs of a table's ID column, people of its name columns
    labels: frozenset[str] = frozenset({"USERNAME", "IDENTIFIER", "PERSON"})

    def detect(self, text: str) -> list[Span]:
        spans: list[Span] = []
        if "@" in text:
            for m in _AT_HANDLE.finditer(text):
                handle = m.group(1)
                if handle.casefold() in _NOT_HANDLES or handle.isdigit() or self._decorator(text, m.start()):
                    continue
                spans.append(self._span(m.start(1), m.end(1)))
            spans.extend(self._span(m.start(1), m.end(1)) for m in _AT_NATIVE.finditer(text))
            spans.extend(self._local_parts(text))
        for m in _STRONG_CUE.finditer(text):
            value = self._clean(m.group("value"))
            if value and value.casefold() not in _NOT_NAMES and (username_shaped(value) or _not_a_word(value)):
                spans.append(self._span(m.start("value"), m.start("value") + len(value)))
        if not text.isascii():
            spans.extend(self._span(m.start("value"), m.end("value")) for m in _NATIVE_HANDLE.finditer(text))
        if "#" in text:
            for m in _GAME_TAG.finditer(text):
                value = m.group("value")  # "issue#1234", "Chapter#12": a word before the hash
                if not wordlike(value) and (username_shaped(value) or chat_handle(value, True) or _not_a_word(value)):
                    spans.append(self._span(m.start(), m.end()))
        for m in _LOGIN_PAIR.finditer(text):
            if initial_and_family(m.group("a")) and initial_and_family(m.group("b")):
                spans += [self._span(m.start("a"), m.end("a")), self._span(m.start("b"), m.end("b"))]
        for m in _WROTE.finditer(text):  # "On 10 March 2025, koala_kitchen_will wrote:"
            value = m.group("value")
            # only a quote header's slot makes joined words a handle: the line ends in ":"
            line_end = text.find("\n", m.end())
            header = text[m.end() : len(text) if line_end < 0 else line_end].rstrip().endswith(":")
            if value.casefold() not in _NOT_NAMES and (username_shaped(value) or (header and chat_handle(value, True))):
                spans.append(self._span(m.start("value"), m.end("value")))
        for m in _WEAK_CUE.finditer(text):
            value = self._clean(m.group("value"))
            quoted = m.group("sep").rstrip("@")[-1:] in "\"'`“‘(:=" and m.group("sep").strip() != ""
            end = m.start("value") + len(value)
            login = username_shaped(value) or (quoted and not wordlike(value))
            if value and login and not _a_name_goes_on(text, end):
                spans.append(self._span(m.start("value"), end))
        for m in _PLATFORM_AFTER.finditer(text):
            value = self._clean(m.group("value"))
            if value and value.casefold() not in _NOT_NAMES and username_shaped(value) and not wordlike(value):
                spans.append(self._span(m.start("value"), m.start("value") + len(value)))
        speakers = list(_SPEAKER.finditer(text))
        turns = Counter(m.group("colon") for m in speakers if m.group("colon"))
        talkers = {m.group("colon") for m in speakers if m.group("colon") and _says_something(text, m.end())}
        for m in speakers:
            group = next(g for g in ("irc", "colon", "timed") if m.group(g))
            value = m.group(group).lstrip("@+%")
            start = m.end(group) - len(value)
            if value.casefold() in _NOT_NAMES or value.casefold() in _HTML:
                continue
            shaped = username_shaped(value)
            # a speaker has a chat's time stamp, or speaks twice and says a sentence at least once; a
            # log line's logger ("2025-02-27 09:14:22 INFO kafka.consumer: …") is no speaker
            timed = m.start(group) > m.start() and not _LOG_LINE.search(text, m.start(), m.end())
            chatty = timed or (turns[value] >= 2 and value in talkers)
            if group == "colon" and not strongly_shaped(value):
                shaped = (shaped and (m.start(group) > m.start() or turns[value] >= 2)) or (
                    chatty and chat_handle(value, timed)  # "hope_not_toxic:", "CozyCornerCass:"
                )
            if group == "timed" and not shaped:
                shaped = chat_handle(value, False)  # "xXmooseknuckleXx — 7:47 PM", not "RoomBooking 10:30"
            if shaped or (group == "irc" and not wordlike(value) and value.islower()):
                spans.append(self._span(start, start + len(value)))
        for m in _PAREN.finditer(text):
            value = self._clean(m.group("value"))
            camel = re.fullmatch(r"(?:[A-Z][a-z]+){2,}", value) is not None and text[m.end() : m.end() + 2] == "):"
            derived = derived_login(value, _NAME_BEFORE.findall(text, max(0, m.start() - 60), m.start()))
            labelled = m.group("label") is not None and (username_shaped(value) or _caps_login(value))
            shaped = strongly_shaped(value) or camel or derived or labelled
            # or a login of initials and a family name: "Adjuster notes (mgarcia):"
            if value.casefold() not in _NOT_NAMES and (shaped or initial_and_family(value)):
                spans.append(self._span(m.start("value"), m.start("value") + len(value)))
        for m in _AUTHOR.finditer(text):
            value = m.group("value")
            unknown = m.group("dated") != "):" and _unknown(value) and _not_a_word(value)
            if value not in _NOT_NAMES and (initial_and_family(value) or unknown):
                spans.append(self._span(m.start("value"), m.end("value")))
        for m in _HOST_LOGIN.finditer(text):  # "ssh petrenko@app-03", "ahmed@build-07:~$"
            value = m.group("value")
            ssh = "ssh" in text[max(0, m.start() - 40) : m.start("value")]
            prompt = _PROMPT_AFTER.match(text, m.end("host")) is not None
            if (ssh or prompt) and value.casefold() not in _NOT_NAMES | _SERVICE_ACCOUNTS and not wordlike(value):
                spans.append(self._span(m.start("value"), m.end("value")))
        for m in _ACTOR.finditer(text):
            group = "owner" if m.group("owner") else "value"
            value = m.group(group)
            low = value.casefold()
            bot = low in _BRANCH_WORDS | _NOT_NAMES | _SERVICE_ACCOUNTS or re.search(r"(?:bot|-ci|-commenter)$", low)
            if not bot and (group == "owner" or username_shaped(value)):
                spans.append(self._span(m.start(group), m.end(group)))
        if "\\" in text:
            spans.extend(self._domain_logins(text))
        for m in _HOME_DIR.finditer(text):
            value = m.group("value")
            if m.group().startswith("~") and not text.startswith("/", m.end()):
                continue  # "~jsmith" alone is rare; "~approx" is a tilde used as "about"
            if _SPACED_OWNER.match(text, m.end()):
                continue  # "C:\\Users\\Maren Kvistad\\…": a person's name, left to the name detectors
            if value.casefold() not in _SHARED_HOMES | _SERVICE_ACCOUNTS | _NOT_NAMES:
                spans.append(self._span(m.start("value"), m.end("value")))
        for m in _BYLINE.finditer(text):
            value = self._clean(m.group("value"))
            folded = _ascii_fold(value)  # a byline is an author's slot: joined words are a handle there
            # Korean or Chinese nicknames ("민트초코덕후 · 2025.03.09") have no shape to read: the slot says it
            native = not any("a" <= c.casefold() <= "z" for c in value) and any(c.isalpha() for c in value)
            if value.casefold() not in _NOT_NAMES and (native or username_shaped(folded) or chat_handle(folded, True)):
                spans.append(self._span(m.start("value"), m.start("value") + len(value)))
        for m in _REDDIT.finditer(text):  # "u/" with it: the prefix is part of the handle as written
            spans.append(self._span(m.start(), m.end("value")))
        from .username_layouts import layout_usernames  # it reuses this module's word tests

        spans.extend(layout_usernames(text))
        # a list goes on after any login found: "also hitting bgrant and sfaulkner", "mbrandt und wjansen"
        ends = {s.end for s in spans if s.label == "USERNAME"}
        spans.extend(span for end in sorted(ends) for span in self._listed(text, end))
        return spans

    @staticmethod
    def _clean(value: str) -> str:
        return value.rstrip("._-")

    def _domain_logins(self, text: str) -> list[Span]:
        """ "ACN\\mc.delacruz" whole: the domain names the employer, so it goes with the login."""
        spans = []
        for m in _DOMAIN_LOGIN.finditer(text):
            value = m.group("value")
            head = re.split(r"[._\-\d]", value.casefold())[0]
            if m.group("domain").casefold() in _NOT_DOMAINS or wordlike(value) or _NOT_LOGIN_VALUE.fullmatch(value):
                continue
            if len(head) >= 3 and head in _FUNCTION_ACCOUNTS | _SERVICE_ACCOUNTS | _NOT_NAMES:
                continue
            spans.append(self._span(m.start(), m.end()))
        return spans

    def _listed(self, text: str, end: int) -> list[Span]:
        """More logins after the cued one: "logins johsjo88 and amhadd91", "mbrandt und wjansen"."""
        spans = []
        for _ in range(8):
            m = _LIST_NEXT.match(text, end)
            if m is None or m.group("value").casefold() in _NOT_NAMES or not username_shaped(m.group("value")):
                break
            spans.append(self._span(m.start("value"), m.end("value")))
            end = m.end()
        return spans

    @staticmethod
    def _decorator(text: str, at: int) -> bool:
        """ "@property" alone on a code line is Python, not a mention."""
        line_start = text.rfind("\n", 0, at) + 1
        return text[line_start:at].strip() == "" and re.match(r"@[\w.]+\s*(?:\(|\n|$)", text[at:]) is not None

    def _local_parts(self, text: str) -> list[Span]:
        """The local part of an e-mail in this text, where it appears again on its own."""
        wanted = {
            local
            for local in {m.group(1) for m in _EMAIL.finditer(text)}
            if local.casefold() not in _NOT_NAMES and username_shaped(local)
        }
        if not wanted:
            return []
        # One pass over the runs of local-part characters (a scan per address was quadratic in
        # long texts): a local part alone is a run, or a run's head before "+", "-" or a "."
        # that ends the word, and is never followed by "@" (then it is an address itself).
        spans = []
        for m in _RUN.finditer(text):
            run = m.group()
            cuts = [i for i, c in enumerate(run) if c in "+-" or (c == "." and not _ascii_alnum(run[i + 1 : i + 2]))]
            if text[m.end() : m.end() + 1] != "@":
                cuts.append(len(run))
            spans.extend(self._span(m.start(), m.start() + i) for i in cuts if run[:i] in wanted)
        return spans

    @staticmethod
    def _span(start: int, end: int) -> Span:
        return Span(start, end, "USERNAME", USERNAME_SCORE, "pattern:username")


def _unknown(word: str) -> bool:
    """No frequency at all in English: "approx" (3.5) is an abbreviation, "kwhitfield" a login."""
    from ..decide.words import zipf

    return zipf(word) == 0.0


def _ascii_fold(value: str) -> str:
    """ "bürokratie_bernd" → "burokratie_bernd": the shape tests read ASCII letters (Latin only:
    NFKD would take Hangul apart into its letters)."""
    from ..normalize import fold_accents

    if value.isascii() or not all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in value):
        return value
    return fold_accents(value)


def _ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()
