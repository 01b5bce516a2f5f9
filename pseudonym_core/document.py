"""Documents longer than one call should take: pieces with one session, so surrogates stay consistent.

One `pseudonymize` call holds the whole text, its detections and the models' working memory, so
`PseudonymizerConfig.max_input_chars` bounds it. Larger documents are cut at safe places (blank
lines, line breaks, sentence ends; see detect/pieces.py) and every piece goes through the same
session: an entity found in one piece is known to the vault, so its later mentions get the same
surrogate even where no detector fires. The one thing a piece cannot know is a name that is
first detected in a *later* piece; `pseudonymize_document` therefore looks back once, and
re-pseudonymizes the earlier pieces that mention such a name (their other surrogates are reused
from the vault, so only the missed mentions change). `pseudonymize_iter` streams and cannot look
back; use it when the input does not fit in memory, or the batch command for corpora.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .decide.index import TokenIndex
from .decide.propagate import case_allows
from .detect.pieces import pieces, safe_cut
from .errors import InputError
from .normalize import make_view
from .types import Entity, PseudonymizeResult

if TYPE_CHECKING:
    from .pipeline import Pseudonymizer
    from .session import Session

#: Characters per piece: whole-text propagation inside a piece, bounded memory per call (a call's
#: working memory on top of the loaded models is about 0.25 GB at 1,000,000 characters).
DOCUMENT_CHUNK_CHARS = 200_000


def _chunk_size(p: Pseudonymizer, chunk_chars: int | None) -> int:
    size = chunk_chars or min(DOCUMENT_CHUNK_CHARS, p.config.max_input_chars)
    if size > p.config.max_input_chars:
        raise InputError(f"chunk_chars={size} is above max_input_chars={p.config.max_input_chars}")
    if size < 100:
        raise InputError("chunk_chars must be at least 100 characters")
    return size


def pseudonymize_document(
    p: Pseudonymizer,
    text: str,
    session: Session | str | None = None,
    *,
    chunk_chars: int | None = None,
    lookback: bool = True,
) -> PseudonymizeResult:
    """Pseudonymize a text of any length in pieces of at most `chunk_chars`, with one session."""
    if not isinstance(text, str):
        raise InputError(f"expected str, got {type(text).__name__}")
    size = _chunk_size(p, chunk_chars)
    sess = p._session(session, create=True)
    note_vocabulary(sess, [text])
    parts = list(pieces(text, size))
    results = [p.pseudonymize(piece, session=sess) for _, piece in parts]
    if lookback and len(parts) > 1:
        for i in _missed(parts, results):
            results[i] = p.pseudonymize(parts[i][1], session=sess)
    return _joined(parts, results, sess.id)


def note_vocabulary(sess: Session, texts: Iterable[str]) -> None:
    """Record every word of texts that are about to be pseudonymized piece by piece (rule 4).

    A surrogate minted for an early piece must not equal a word of a later one: the later word
    would then read as the session's own surrogate (kept as it is, and restored to the wrong
    person). One call sees its whole text; pieces of a document or rows of a corpus do not,
    unless their words are noted first.
    """
    views = [make_view(text).text for text in texts]

    def note() -> None:
        for view in views:
            sess.note_words(view)

    sess.transact(note)  # stored in the shared vault, redone if another process wrote first


def _missed(parts: list[tuple[int, str]], results: list[PseudonymizeResult]) -> list[int]:
    """Pieces that mention, outside their entities, an original first masked in a later piece."""
    later = TokenIndex()
    missed = []
    for i in range(len(parts) - 1, -1, -1):
        text = parts[i][1]
        covered = bytearray(len(text))
        for e in results[i].entities:
            covered[e.start : e.end] = b"\x01" * (e.end - e.start)
        for start, end, entry in later.find(text):
            # under the decide stage's own case and evidence rules ("grant" after "Grant" is not a
            # miss: re-running the piece would not mask it either)
            if not all(covered[start:end]) and case_allows(text[start:end], entry.payload, text, start, end):
                missed.append(i)
                break
        for e in results[i].entities:
            if len(e.text.strip()) >= 2:
                later.add(e.text, e.label, e.text)
    return sorted(missed)


def _joined(parts: list[tuple[int, str]], results: list[PseudonymizeResult], session_id: str) -> PseudonymizeResult:
    entities = [
        Entity(off + e.start, off + e.end, e.text, e.label, e.surrogate, e.score, e.source, e.explanation)
        for (off, _), r in zip(parts, results, strict=True)
        for e in r.entities
    ]
    notes = tuple(dict.fromkeys(n for r in results for n in r.notes))
    return PseudonymizeResult("".join(r.text for r in results), entities, session_id, notes)


def pseudonymize_iter(
    p: Pseudonymizer,
    chunks: Iterable[str],
    session: Session | str | None = None,
    *,
    chunk_chars: int | None = None,
) -> Iterator[PseudonymizeResult]:
    """Stream a text that arrives in chunks of any size (file reads, lines): results come in
    input order, cut at safe places, with entity offsets counted from the start of the stream.

    Memory stays bounded by `chunk_chars`; a name first detected in a later piece is masked from
    there on but not in pieces already yielded (use `pseudonymize_document` to look back)."""
    size = _chunk_size(p, chunk_chars)
    sess = p._session(session, create=True)
    held: list[str] = []  # joined only when a piece is due, so many small chunks cost linear time
    held_chars, offset = 0, 0
    for chunk in chunks:
        if not isinstance(chunk, str):
            raise InputError(f"expected str chunks, got {type(chunk).__name__}")
        held.append(chunk)
        held_chars += len(chunk)
        if held_chars <= size:
            continue
        buffer = "".join(held)
        while len(buffer) > size:
            cut = safe_cut(buffer, 0, size)
            yield _shifted(p.pseudonymize(buffer[:cut], session=sess), offset)
            buffer, offset = buffer[cut:], offset + cut
        held, held_chars = [buffer], len(buffer)
    if held_chars:
        yield _shifted(p.pseudonymize("".join(held), session=sess), offset)


def _shifted(r: PseudonymizeResult, offset: int) -> PseudonymizeResult:
    if not offset:
        return r
    entities = [
        Entity(offset + e.start, offset + e.end, e.text, e.label, e.surrogate, e.score, e.source, e.explanation)
        for e in r.entities
    ]
    return PseudonymizeResult(r.text, entities, r.session_id, r.notes, r.dropped)
