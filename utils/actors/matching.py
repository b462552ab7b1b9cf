"""Finding alias matches in one text, and where they stand (used by :mod:`utils.actors.mentions`).

:func:`alias_matches` scans the text with the gazetteer's Aho-Corasick automaton
(:attr:`utils.actors.gazetteer.Gazetteer.word_start_automaton`), keeps the hits that pass the case
and word-boundary checks and chooses the leftmost-longest; :func:`paragraph_and_sentence_starts` gives the paragraph
and sentence starts that number them, :func:`mention_snippet` the evidence shown with each mention.

>>> from utils.actors.gazetteer import as_gazetteer, load_actors
>>> text = "Atas nama AS dan Rusia."
>>> [(start, end, entries[0].actor_id) for start, end, entries in alias_matches(text, as_gazetteer(load_actors()))]
[(10, 12, 'united_states'), (17, 22, 'russia')]
>>> mention_snippet(text, 10, 12)
'Atas nama [AS] dan Rusia.'
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from utils.actors.context_rules import clitic_follows, on_word_boundary
from utils.actors.gazetteer import (
    ACCEPT_AS_WRITTEN,
    ACCEPT_EACH,
    ACCEPT_IF_CAPITALISED,
    AliasKey,
    Gazetteer,
    accepted_entries,
    fold_case,
    word_start_text,
)
from utils.text.sentences import paragraph_spans, sentence_spans

#: Characters of context on either side of a mention in its snippet.
SNIPPET_CHARS = 60


def mention_snippet(text: str, start: int, end: int) -> str:
    """The mention in brackets with up to :data:`SNIPPET_CHARS` characters either side, on one line.

    >>> mention_snippet("Rusia diam.\\n\\nKorut juga.", 13, 18)
    'Rusia diam. [Korut] juga.'
    """
    left_from, right_to = start - SNIPPET_CHARS, end + SNIPPET_CHARS
    parts = (
        "…" if left_from > 0 else "",
        text[max(0, left_from) : start],
        "[",
        text[start:end],
        "]",
        text[end:right_to],
        "…" if right_to < len(text) else "",
    )
    return _single_spaced("".join(parts))


def _single_spaced(snippet: str) -> str:
    """``" ".join(snippet.split())``, found faster when the only whitespace is single spaces and
    paragraph breaks (``"\\n\\n"``), as in cleaned text.

    >>> _single_spaced("diam.\\n\\nKorut"), _single_spaced(" diam. \\n\\n Korut")
    ('diam. Korut', 'diam. Korut')
    """
    joined = snippet.replace("\n\n", " ")
    if (
        joined.isprintable()  # no whitespace but " " (every other one is not printable)
        and "  " not in joined
        and not joined.startswith(" ")
        and not joined.endswith(" ")
    ):
        return joined
    return " ".join(snippet.split())


def paragraph_and_sentence_starts(
    text: str, *, upto: int | None = None, sentence_starts: Any = None
) -> tuple[list[int], list[int]]:
    """Start offsets of paragraphs and sentences (from ``utils.text.tokeniser``) up to offset ``upto``.

    Sentences never cross a paragraph break, so the text is cut at the first blank line after
    ``upto`` (the end of the last mention): the spans before it are the same, found faster.
    ``sentence_starts`` are the starts of :func:`utils.text.sentences.sentence_spans` of the whole text
    when the caller has them already (the pipeline's sentence stage): then they are not
    recomputed.

    >>> paragraph_and_sentence_starts("Rusia diam. Korut juga.\\n\\nAS menolak.")
    ([0, 25], [0, 12, 25])
    """
    if upto is not None:
        cut = text.find("\n\n", upto)
        if cut != -1:
            text = text[:cut]
    paragraph_starts = [start for start, _ in paragraph_spans(text)] or [0]
    if sentence_starts is None:
        sentence_starts = [start for start, _ in sentence_spans(text)]
    elif not isinstance(sentence_starts, list):
        sentence_starts = sentence_starts.tolist()  # a NumPy array
    return paragraph_starts, sentence_starts or [0]


def alias_matches(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, Sequence[tuple]]]:
    """Leftmost-longest alias matches that pass the boundary and case checks.

    >>> from utils.actors.gazetteer import as_gazetteer, load_actors
    >>> gazetteer = as_gazetteer(load_actors())
    >>> [(start, end, entries[0].actor_id) for start, end, entries in alias_matches("AS, Rusia; dolar AS", gazetteer)]
    [(0, 2, 'united_states'), (4, 9, 'russia'), (17, 19, 'united_states')]
    """
    if gazetteer.reads_word_starts(text):
        candidates = _word_start_candidates(text, gazetteer)
    else:
        candidates = []
        for start, end, alias in _alias_hits(text, gazetteer):
            entries = _accepted(text, start, end, alias)
            if entries and on_word_boundary(text, start, end):
                candidates.append((start, end, entries))
    return _leftmost_longest(candidates)


def _accepted(text: str, start: int, end: int, alias: AliasKey) -> Sequence[tuple]:
    """The entries of ``alias`` that its match ``text[start:end]`` counts for, by the case rules
    (:class:`utils.actors.gazetteer.AliasKey`); empty when none.

    >>> from utils.actors.gazetteer import as_gazetteer, load_actors
    >>> alias = as_gazetteer(load_actors()).automaton.get("as")
    >>> len(_accepted("AS", 0, 2, alias)), len(_accepted("as", 0, 2, alias))
    (1, 0)
    """
    entries, accept = alias.entries, alias.accept
    if accept == ACCEPT_AS_WRITTEN:
        return entries if text.startswith(entries[0].alias, start) else ()
    if accept == ACCEPT_IF_CAPITALISED:
        first = text[start]
        return () if first.isalpha() and not first.isupper() else entries
    if accept == ACCEPT_EACH:
        return accepted_entries(text[start:end], entries)
    return entries


def _word_start_candidates(
    text: str, gazetteer: Gazetteer
) -> list[tuple[int, int, Sequence[tuple]]]:
    """The matches of :func:`_alias_hits` (on word starts) that pass the case and boundary checks,
    as (start, end, entries), in one loop.

    Almost half the hits end inside a word (``nam`` in ``nama``, ``as`` in ``asal``): the marked
    text of :func:`utils.actors.gazetteer.word_start_text` shows that with one look-up (an ASCII letter
    or digit follows), so those are dropped before any other check unless ``nya`` follows.

    >>> from utils.actors.gazetteer import as_gazetteer, load_actors
    >>> gazetteer = as_gazetteer(load_actors())
    >>> [(start, end) for start, end, _ in _word_start_candidates("Atas nama AS-nya.", gazetteer)]
    [(10, 12)]
    """
    marked = word_start_text(text)  # text[i] is marked[i + 1]
    last = len(text) - 1
    candidates = []
    for end, aliases in gazetteer.word_start_automaton.iter(marked):
        if end <= last and marked[end + 1] != "\x00":  # an ASCII letter or digit follows
            if not (marked.startswith("nya", end + 1) and clitic_follows(text, end)):
                continue  # the alias goes on into a longer word
        for alias in aliases:  # aliases that differ only in spaces or hyphens share a key
            start = end - len(alias.key)
            # a key of letters and digits only matches the text; others are checked
            if not (alias.key.isalnum() or text[start:end].lower() == alias.key):
                continue
            entries = _accepted(text, start, end, alias)
            if entries and on_word_boundary(text, start, end):
                candidates.append((start, end, entries))
    return candidates


def _leftmost_longest(
    candidates: list[tuple[int, int, Sequence[tuple]]],
) -> list[tuple[int, int, Sequence[tuple]]]:
    """The leftmost-longest of overlapping candidate matches (start, end, entries).

    >>> _leftmost_longest([(4, 9, "b"), (0, 5, "a"), (0, 3, "c"), (6, 8, "d")])
    [(0, 5, 'a'), (6, 8, 'd')]
    """
    if _in_order_apart(candidates):
        return candidates  # the common case: nothing to choose
    candidates.sort(key=lambda match: (match[0], -match[1]))
    chosen, reached = [], 0
    for start, end, entries in candidates:
        if start >= reached:
            chosen.append((start, end, entries))
            reached = end
    return chosen


def _in_order_apart(candidates: list[tuple[int, int, Any]]) -> bool:
    """Whether each candidate (start, end, ...) starts at or after the end of the one before.

    >>> _in_order_apart([(0, 2, "a"), (2, 5, "b")]), _in_order_apart([(0, 5, "a"), (2, 4, "b")])
    (True, False)
    """
    reached = 0
    for start, end, _ in candidates:
        if start < reached:
            return False
        reached = end
    return True


def _alias_hits(text: str, gazetteer: Gazetteer) -> Iterator[tuple[int, int, AliasKey]]:
    """Every place where a lower-cased alias occurs in the lower-cased text, as (start, end,
    :class:`AliasKey`); where :meth:`Gazetteer.reads_word_starts` allows (almost always), only
    the places where it starts a word, which is all that :func:`alias_matches` keeps. :func:`alias_matches`
    uses it for other text; on word starts it runs :func:`_word_start_candidates`, which reads
    the same hits and checks them in one loop (``tests/test_mention_matching.py`` compares them).

    >>> from utils.actors.gazetteer import as_gazetteer, load_actors
    >>> gazetteer = as_gazetteer(load_actors())
    >>> [(start, end, alias.key) for start, end, alias in _alias_hits("Atas nama AS.", gazetteer)]
    [(5, 8, 'nam'), (10, 12, 'as')]
    """
    if not gazetteer.reads_word_starts(text):
        if gazetteer.automaton is not None:
            for last, alias in gazetteer.automaton.iter(fold_case(text)):
                yield last + 1 - len(alias.key), last + 1, alias
        return
    for end, aliases in gazetteer.word_start_automaton.iter(word_start_text(text)):
        for alias in aliases:  # aliases that differ only in spaces or hyphens share a key
            start = end - len(alias.key)
            # a key of letters and digits only matches the text; others are checked
            if alias.key.isalnum() or text[start:end].lower() == alias.key:
                yield start, end, alias
