"""GEN_prompt: the local instruct LLM invents the surrogate for a detected entity.

The original may be shown to the model because the model is local. Its answer is sampled with
the session's `ctx.rng`, so a retry (the session retries on collisions) draws a different value,
and a seeded session draws reproducibly. Every answer is validated before use: one short line,
plausible for the type, no word of the original inside, free in the session; after a few failed
tries GEN_rand takes over and the fallback is counted.

Only free-text types go to the model (people, places, organizations, emails, phones, URLs).
Card numbers, IBANs, SSNs, IPs, dates and MAC addresses go straight to GEN_rand: what matters
there is format validity (Luhn, IBAN checksum, documentation IP ranges, the session's date shift),
which a language model can only break.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..llm.local import UsesLocalLM
from ..stats import StrategyStats
from .base import Generated, SurrogateContext, match_case
from .generator import RandGenerator
from .values import FREE_MAIL

if TYPE_CHECKING:
    from ..config import PseudonymizerConfig

STRATEGY = "GEN_prompt"
#: Labels the model is asked about; everything else is GEN_rand's job.
LLM_LABELS = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "EMAIL_ADDRESS", "PHONE_NUMBER", "URL"})
TRIES = 3
MAX_CHARS = 60
#: A plain name: letters (any script), apostrophes, inner hyphens. Initials, commas and particles
#: ("J. Smith", "Smith, John", "van Dijk") are GEN_rand's component logic's job.
_NAME_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")
_WORD = re.compile(r"\w+")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_URL = re.compile(r"^(?:https?://)?[\w.-]+\.[A-Za-z]{2,}(?:[/?#]\S*)?$")
_LABEL_PREFIX = re.compile(
    r"^(?:sure[,!.]?\s*|here(?:'s| is)[^:]*:\s*|(?:the\s+)?(?:new\s+|fake\s+|fictional\s+|replacement\s+)?"
    r"(?:name|full name|person|city|place|location|country|company|organization|organisation|email|e-mail|"
    r"email address|phone|phone number|number|url|website|answer|replacement)\s*[:=-]\s*)",
    re.IGNORECASE,
)
#: URL and email words that say nothing about the original (shared by any two addresses).
_BOILERPLATE = frozenset("http https www com org net html index home mail".split())


#: Few-shot "kind: original -> replacement" lines: a 135M model follows a pattern far better than
#: an instruction (asked directly, it explains, apologises or repeats the original).
EXAMPLES = """Person (man): Thomas Becker -> Daniel Hoffmann
Person (woman): Emily Clarke -> Sarah Mitchell
First name: Olivia -> Hannah
Surname: Kowalski -> Brennan
City: Lyon -> Porto
Country: Canada -> Norway
State: Oregon -> Vermont
Company: Microsoft -> Brightline Systems
Organization: Red Cross -> Harbor Aid Society
Email: t.becker@web.de -> d.hoffmann@web.de
Phone: (212) 555-0187 -> (312) 555-0144
Phone: +44 20 7946 0321 -> +44 20 7946 0958
Website: https://www.beckerlaw.com -> https://www.hoffmannlegal.com
Person (man): Luis Ortega -> Carlos Medina"""
INSTRUCTION = "Replace each value with a different, realistic, fictional value of the same kind and format."


def _kind(label: str, original: str) -> str:
    """The line prefix that tells the model what kind of value to invent."""
    if label == "PERSON":
        from .pools import name_index

        idx = name_index()
        words = original.split()
        if len(words) == 1:
            return "First name" if idx.is_given(words[0]) and not idx.is_family(words[0]) else "Surname"
        gender = idx.gender_of(words[0])
        return {"m": "Person (man)", "f": "Person (woman)"}.get(gender or "", "Person")
    if label == "LOCATION":
        from .places import _geo

        countries, states = _geo()
        folded = original.casefold()
        if folded in {c.casefold() for c in countries}:
            return "Country"
        return "State" if folded in {c.casefold() for c in states} else "City"
    return {"ORGANIZATION": "Company", "EMAIL_ADDRESS": "Email", "PHONE_NUMBER": "Phone", "URL": "Website"}[label]


def clean_answer(raw: str, label: str) -> str:
    """The value in a model answer: first non-empty line, without quotes, labels or end punctuation."""
    line = next((ln.strip() for ln in raw.splitlines() if ln.strip()), "")
    for _ in range(3):
        line = _LABEL_PREFIX.sub("", line).strip().strip("\"'`“”‘’*").strip()
        if label != "ORGANIZATION" or not re.search(r"\b(?:Inc|Ltd|Co|Corp|Bros|Assn)\.$", line):
            line = line.rstrip(".,;!")
    return line


def _distinct_words(value: str, label: str) -> set[str]:
    """Words of a value that would identify it (not an email's or URL's boilerplate, not a phone's country code)."""
    if label == "EMAIL_ADDRESS":
        local, _, host = value.rpartition("@")
        value = local if host.lower() in FREE_MAIL else local + " " + host.rsplit(".", 1)[0]
    if label == "PHONE_NUMBER" and value.lstrip().startswith("+"):
        value = value.lstrip()[1:].lstrip().partition(" ")[2] if " " in value.strip() else value
    words = {w.casefold() for w in _WORD.findall(value)}
    if label in ("EMAIL_ADDRESS", "URL"):
        words = {w for w in words if w not in _BOILERPLATE and len(w) > 2}
    return words


def phone_layout(original: str, answer: str) -> str:
    """The answer's digits in the original's layout, keeping the original's country code.

    Restoration matches a phone surrogate by its digits whatever the separators and puts the
    original back in the layout the model used, which needs the same number of digits; keeping
    grouping and country code is also what GEN_rand does (rule 5). An answer with another digit
    count is returned unchanged (and then fails validation).
    """
    from .values import refill

    new, old = re.sub(r"\D", "", answer), re.sub(r"\D", "", original)
    if len(new) != len(old):
        return answer
    code = re.match(r"\+\s*(\d+)", original.lstrip())
    keep = len(code.group(1)) if code else 0
    return refill(original, old[:keep] + new[keep:])


def valid(answer: str, label: str, original: str, ctx: SurrogateContext) -> bool:
    """Whether an answer may be used as the surrogate of `original`."""
    if not answer or len(answer) > MAX_CHARS or "\n" in answer or answer.casefold() == original.casefold():
        return False
    if _distinct_words(answer, label) & _distinct_words(original, label):
        return False  # "John Smith" → "John Miller" would keep half the name
    if label == "EMAIL_ADDRESS":
        ok = bool(_EMAIL.match(answer))
    elif label == "URL":
        ok = bool(_URL.match(answer)) and ("://" in answer) == ("://" in original)
    elif label == "PHONE_NUMBER":
        digits, orig_digits = re.sub(r"\D", "", answer), re.sub(r"\D", "", original)
        ok = len(digits) == len(orig_digits) and not re.search(r"[^\d\s()+./-]", answer)
    elif label == "PERSON":
        ok = len(answer.split()) == len(original.split()) and all(_NAME_WORD.match(w) for w in answer.split())
    else:
        ok = any(c.isalpha() for c in answer) and len(answer.split()) <= max(6, len(original.split()) + 2)
        ok = ok and (any(c.isdigit() for c in original) or not any(c.isdigit() for c in answer))
        if ok and label == "LOCATION" and _kind(label, original) in ("Country", "State"):
            from .places import _geo

            ok = answer.casefold() in {p.casefold() for p in _geo()[_kind(label, original) == "State"]}
    if not ok:
        return False
    if label in ("EMAIL_ADDRESS", "URL", "PHONE_NUMBER"):
        return not any(ctx.is_taken(w) for w in _distinct_words(answer, label))
    return not ctx.is_taken(answer)


def _same_gender(original: str, answer: str) -> bool:
    """A known given name is replaced by one of the same gender (rule 3); unknown ones pass."""
    from .pools import name_index

    idx = name_index()
    words, new = original.split(), answer.split()
    if len(words) < 2 and not idx.is_given(words[0]):
        return True
    before, after = idx.gender_of(words[0]), idx.gender_of(new[0])
    return before is None or after is None or before == after


class PromptGenerator(UsesLocalLM):
    """GEN_prompt over the configured local LM, with GEN_rand for value types and as the fallback."""

    name = "prompt"

    def __init__(self, cfg: PseudonymizerConfig | None = None, tries: int = TRIES) -> None:
        super().__init__(cfg.local_lm if cfg is not None else None)
        self._rand = RandGenerator(cfg)
        self.tries = tries
        self.stats = StrategyStats()

    def generate(self, label: str, original: str, ctx: SurrogateContext) -> Generated:
        if label not in LLM_LABELS or (label == "LOCATION" and any(c.isdigit() for c in original)):
            self.stats.count("delegated to GEN_rand")  # value types and street addresses: format first
            return self._rand.generate(label, original, ctx)
        if label == "PERSON":
            return self._person(original, ctx)
        if label == "EMAIL_ADDRESS" and self._names_known_person(original, ctx):
            self.stats.count("delegated to GEN_rand")  # the email must follow the person's surrogate
            return self._rand.generate(label, original, ctx)
        answer = self._ask(label, original, ctx)
        if answer is None:
            return self._fallback(label, original, ctx)
        return Generated(match_case(original, answer) if label in ("LOCATION", "ORGANIZATION") else answer)

    def _person(self, original: str, ctx: SurrogateContext) -> Generated:
        """A name whose parts map one to one onto the original's, reusing parts already chosen."""
        words = original.split()
        if not 1 <= len(words) <= 4 or not all(_NAME_WORD.match(w) for w in words):
            self.stats.count("delegated to GEN_rand")
            return self._rand.generate("PERSON", original, ctx)
        known = [ctx.component(w) for w in words]
        if all(k is not None for k in known):
            self.stats.count("reused components")
            return Generated(" ".join(k for k in known if k is not None))
        answer = self._ask("PERSON", original, ctx)
        if answer is None:
            return self._fallback("PERSON", original, ctx)
        parts = [k or match_case(w, a) for w, a, k in zip(words, answer.split(), known, strict=True)]
        if len({p.casefold() for p in parts}) < len(parts) or any(
            k is None and ctx.is_taken(p) for p, k in zip(parts, known, strict=True)
        ):
            return self._fallback("PERSON", original, ctx)
        return Generated(" ".join(parts), [(w, p, "PERSON") for w, p in zip(words, parts, strict=True)])

    @staticmethod
    def _names_known_person(email: str, ctx: SurrogateContext) -> bool:
        from .localpart import names_known_person

        return names_known_person(email.rpartition("@")[0], ctx)  # "hapham84" names "Phạm Thu Hà" too

    def _ask(self, label: str, original: str, ctx: SurrogateContext) -> str | None:
        """A valid sampled answer, or None after `tries` attempts."""
        from ..llm.chat import chat_prompt, generate

        lm = self.lm
        kind = _kind(label, original)
        ids = chat_prompt(
            lm.tokenizer,
            INSTRUCTION + "\n\n" + EXAMPLES,
            system="You invent realistic fake personal data for anonymizing texts.",
            assistant_prefix=f"{kind}: {original} ->",
        )
        for _ in range(self.tries):
            self.stats.count("calls")
            raw = generate(lm, ids, max_new_tokens=20, stop=("\n",), rng=ctx.rng, temperature=0.8)
            answer = clean_answer(raw, label)
            if label == "PHONE_NUMBER":
                answer = phone_layout(original, answer)
            if valid(answer, label, original, ctx) and (label != "PERSON" or _same_gender(original, answer)):
                return answer
            self.stats.count("invalid answers")
        return None

    def _fallback(self, label: str, original: str, ctx: SurrogateContext) -> Generated:
        self.stats.fallback(STRATEGY, "no valid model answer, used GEN_rand")
        return self._rand.generate(label, original, ctx)
