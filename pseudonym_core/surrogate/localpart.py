"""Reading the local part of an e-mail address as a pattern over a person's name parts.

"j.smith84", "johnsmith", "smith_j", "phamthuha", "thuha.pham": each run of letters is covered by
full name parts and initials, in any order. First against the people already in the session
(their surrogate parts are known), then against the name pools (the address names someone not
mentioned otherwise). A run that covers nothing is left to the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .base import SurrogateContext, match_case
from .pools import UNSPACED_SCRIPTS, is_plain_word, script_of
from .translit import fold, to_ascii

#: Local parts that name a role, not a person ("info@", "support@"): they stay as they are.
GENERIC_BOXES = frozenset(
    """
    info contact contacts sales support admin office hello hi team hr jobs careers billing accounts
    accounting press media help service services reception enquiries enquiry inquiries noreply no reply
    donotreply mail email post webmaster postmaster marketing finance legal privacy security abuse dev
    it ops booking bookings orders order shop store news newsletter work home personal private
    official appointments admissions registrar frontdesk desk clinic pharmacy patients customer
    customers care feedback complaints the and of mailbox inbox general admin hq
    """.split()
)
_SPLIT = re.compile(r"[\s,]+|-")
#: A local part read as runs: letters, digits, and everything else ("j.smith84" → j . smith 84).
RUNS = re.compile(r"[A-Za-z]+|\d+|[^A-Za-z\d]+")


@dataclass(frozen=True)
class Piece:
    """One stretch of a run: `orig` as written, replaced by `new` (a full part or its initial)."""

    orig: str
    new: str

    def render(self) -> str:
        return match_case(self.orig, self.new)


@dataclass(frozen=True)
class _Part:
    folds: frozenset[str]
    new: str  # the surrogate part in lower-case ASCII


def known_people(ctx: SurrogateContext) -> list[tuple[str, str]]:
    """The session's latest (original, surrogate) people, when the context offers them."""
    from ..normalize import clean_form

    return [(clean_form(o), s) for o, s in getattr(ctx, "people", lambda: [])()]


def names_known_person(local: str, ctx: SurrogateContext) -> bool:
    """Does this local part spell the name of someone already in the session?"""
    return read_known(RUNS.findall(local), known_people(ctx), readings(ctx)) is not None


#: A person's aligned parts, their spellings longer than a letter, and their initials.
Reading = tuple[list["_Part"], tuple[str, ...], frozenset[str]]


def readings(ctx: SurrogateContext) -> dict[tuple[str, str], Reading | None] | None:
    """The session's memo of people's readings, when the context offers one. It lives in the
    session, not in this module: it pairs originals with surrogates, and must go when the
    session is forgotten."""
    return getattr(ctx, "readings", None)


def read_known(
    runs: list[str], people: list[tuple[str, str]], memo: dict[tuple[str, str], Reading | None] | None = None
) -> list[list[Piece] | None] | None:
    """Pieces per run for the session person the local part names best, or None. The same 200
    session people are read against every address of a corpus, so their readings are kept in `memo`."""
    best: tuple[int, list[list[Piece] | None]] | None = None
    letters = [r.lower() for r in runs if r.isalpha()]
    for original, surrogate in people:
        if memo is None:
            reading = _reading(original, surrogate)
        elif (original, surrogate) in memo:
            reading = memo[original, surrogate]
        else:
            reading = memo[original, surrogate] = _reading(original, surrogate)
        if reading is None:
            continue
        parts, full, initials = reading
        if not any(f in r for r in letters for f in full) and not any(set(r) <= initials for r in letters):
            continue  # no run can be covered: no full part inside one, none made of initials only
        found = _cover_runs(runs, parts)
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    return best[1] if best is not None else None


def _reading(original: str, surrogate: str) -> Reading | None:
    """What `read_known` needs of one person: parts, full spellings (a run holding none of them
    and made of no initials alone cannot be covered), initials."""
    parts = aligned_parts(original, surrogate)
    if not parts:
        return None
    full = tuple({f for p in parts for f in p.folds if len(f) > 1})
    return parts, full, frozenset(f[0] for p in parts for f in p.folds if f)


def _cover_runs(runs: list[str], parts: list[_Part]) -> tuple[int, list[list[Piece] | None]] | None:
    score, out, full_pieces, used = 0, [], 0, set()
    leftover: list[int] = []
    for run in runs:
        covered = _cover(run, parts) if run.isalpha() else None
        if covered is None:
            if run.isalpha() and run.casefold() not in GENERIC_BOXES and not is_plain_word(run):
                leftover.append(len(out))
            out.append(None)
            continue
        letters, pieces = covered
        score += letters
        full_pieces += sum(len(p.orig) > 1 for p in pieces)
        used.update(p.new for p in pieces)
        out.append(pieces)
    initials = sum(len(p) for p in out if p) - full_pieces
    if (score < 2 or full_pieces < 1) and (initials < 2 or full_pieces or leftover):
        return None  # "nli" for Li Na will do (the person is known), and so will "js" for John Smith
    # a run the person's spellings do not cover ("alahmad" for "الأحمد") takes the part not yet used
    free = [p for p in parts if p.new not in used and len(p.new) > 1 and " " not in p.new]
    if len(leftover) > len(free):
        return None
    for i, part in zip(leftover, free, strict=False):
        out[i] = [Piece(runs[i], part.new)]
    return score, out


def _cover(run: str, parts: list[_Part]) -> tuple[int, list[Piece]] | None:
    """Cover `run` entirely with full parts and initials, most letters in full parts first."""
    low = run.lower()

    @cache
    def best(i: int) -> tuple[int, int, tuple[Piece, ...]] | None:
        if i == len(low):
            return 0, 0, ()
        options = []
        for part in parts:
            for f in part.folds:
                if f and low.startswith(f, i):
                    rest = best(i + len(f))
                    if rest is not None:
                        full = len(f) if len(f) > 1 else 0
                        options.append((rest[0] + full, rest[1] - 1, (Piece(run[i : i + len(f)], part.new), *rest[2])))
            if any(f[:1] == low[i] for f in part.folds) and part.new:
                rest = best(i + 1)
                if rest is not None:
                    options.append((rest[0], rest[1] - 1, (Piece(run[i], part.new[0]), *rest[2])))
        return max(options, key=lambda o: (o[0], o[1])) if options else None

    found = best(0)
    return (found[0], list(found[2])) if found is not None else None


def aligned_parts(original: str, surrogate: str) -> list[_Part]:
    """The original's name parts, each with the surrogate part that replaced it."""
    script = script_of(original)
    if script in UNSPACED_SCRIPTS and " " not in original.strip():
        from .person import _unspaced_origin

        loc, n = _unspaced_origin(original, script)
        _, m = _unspaced_origin(surrogate, script_of(surrogate))
        chinese = loc.startswith("zh")
        pairs = [(original[:n], surrogate[:m]), (original[n:], surrogate[m:])] if n and m else [(original, surrogate)]
        if script == "HANGUL" and len(original) - n == len(surrogate) - m:  # "jhpark": one initial per syllable
            pairs += list(zip(original[n:], surrogate[m:], strict=True))
        return [_Part(_folds(o, chinese), fold(to_ascii(s, chinese))) for o, s in pairs if o and s]
    o_tokens = [t for t in _SPLIT.split(original) if t]
    s_tokens = [t for t in _SPLIT.split(surrogate) if t]
    if len(o_tokens) != len(s_tokens):
        return []
    parts = [_Part(_folds(o), fold(s)) for o, s in zip(o_tokens, s_tokens, strict=True)]
    for a, b in zip(range(len(o_tokens)), range(1, len(o_tokens)), strict=False):  # "Min-jun" as "minjun"
        if f"{o_tokens[a]}-{o_tokens[b]}" in original:
            parts.append(_Part(frozenset({fold(o_tokens[a] + o_tokens[b])}), fold(s_tokens[a] + s_tokens[b])))
    return parts


def _folds(name: str, chinese: bool = False) -> frozenset[str]:
    """Every ASCII spelling of a name part an address may use ("محمد": mohammed, muhammad, …)."""
    from anyascii import anyascii

    forms = {fold(to_ascii(name, chinese)), fold(anyascii(name))} | spellings().get(name.casefold(), set())
    if name.startswith("ال") and len(name) > 3:  # Arabic "al-": "الأحمد" is written "alahmad", "elahmad", "ahmad"
        rest = _folds(name[2:].lstrip("ء"), chinese) | _folds("أ" + name[3:]) if name[2] in "أإآا" else _folds(name[2:])
        forms |= {pre + r for r in rest for pre in ("al", "el", "")}
    return frozenset(f for f in forms if f)


@lru_cache(maxsize=1)
def spellings() -> dict[str, set[str]]:
    """Other Latin spellings of the names in the hand-made pools, keyed by every form."""
    from .namepools import _read_tsv

    table: dict[str, set[str]] = {}
    for file in ("ar.tsv", "ko.tsv", "ja.tsv", "fa.tsv"):
        for row in _read_tsv(file):
            forms = {row[1], *(row[3].split(",") if len(row) > 3 and row[3] else ())}
            folded = {fold(f) for f in forms}
            for key in (row[1], *(row[2:3] if len(row) > 2 and row[2] else ())):
                table.setdefault(key.casefold(), set()).update(folded)
    return table


def read_pools(runs: list[str], ctx: SurrogateContext) -> tuple[list[list[Piece] | None], list[tuple[str, str, str]]]:
    """Read a local part that names nobody in the session against the name pools; when it is a
    name ("aoibheann.byrne"), invent that person (so later mentions reuse the parts)."""
    segments: list[list[str] | None] = []
    for run in runs:
        segments.append(_segment(run.lower()) if run.isalpha() and run.casefold() not in GENERIC_BOXES else None)
    names = [w for seg in segments if seg for w in seg]
    if not any(len(w) >= 3 and not is_plain_word(w) for w in names):
        return [None] * len(runs), []
    from .person import person_surrogate

    tokens = [w.capitalize() if len(w) > 1 else w.upper() + "." for w in names]
    generated = person_surrogate(" ".join(tokens), ctx)
    new_tokens = generated.surrogate.split()
    if len(new_tokens) != len(tokens):
        return [None] * len(runs), []
    new_iter = iter(fold(t) for t in new_tokens)
    out: list[list[Piece] | None] = []
    for run, seg in zip(runs, segments, strict=True):
        if not seg:
            out.append(None)
            continue
        pieces, pos = [], 0
        for w in seg:
            pieces.append(Piece(run[pos : pos + len(w)], next(new_iter)))
            pos += len(w)
        out.append(pieces)
    return out, generated.components


def _segment(run: str) -> list[str] | None:
    """Split a run of letters into pool names and initials, longest names first ("jsmith": j, smith)."""
    names = folded_names()

    @cache
    def best(i: int) -> tuple[int, tuple[str, ...]] | None:
        if i == len(run):
            return 0, ()
        options = []
        for j in range(len(run), i + 1, -1):
            rest = best(j) if run[i:j] in names else None
            if rest is not None:
                options.append((rest[0] + (j - i) ** 2, (run[i:j], *rest[1])))
        rest = best(i + 1)
        if rest is not None and not (rest[1] and len(rest[1][0]) == 1):  # never two initials in a row
            options.append((rest[0] - 1, (run[i], *rest[1])))
        return max(options, key=lambda o: o[0]) if options else None

    found = best(0)
    if found is None or not any(len(w) > 1 for w in found[1]) or sum(len(w) == 1 for w in found[1]) > 2:
        return None
    if any(len(w) == 1 for w in found[1]) and any(len(w) == 2 for w in found[1]):
        return None  # "doe" is not "Do" + "E.": beside an initial a name has three letters or more
    return list(found[1])


@lru_cache(maxsize=1)
def folded_names() -> frozenset[str]:
    """Every Latin-script pool name in lower-case ASCII (two letters or more)."""
    from .namepools import origin_index

    idx = origin_index()
    out = set()
    for table in (idx.given, idx.family):
        for key, locs in table.items():
            if any(idx.pools[loc].script == "LATIN" for loc in locs):
                f = fold(key)
                if len(f) > 1:
                    out.add(f)
    return frozenset(out)


@lru_cache(maxsize=1)
def plain_names() -> tuple[str, ...]:
    """ASCII given names that are no English word: what a non-name part of an address becomes."""
    from .namepools import origin_index

    pool = origin_index().pools["en_US"]
    return tuple(sorted({n.lower() for g in ("m", "f") for n in pool.given[g] if n.isalpha() and not is_plain_word(n)}))
