"""Indonesian paragraphs and sentences, and the abbreviation list both they and the tokeniser use.

Works on the cleaned article ``text`` (paragraphs separated by one blank line) and on arbitrary
input (raw files with one paragraph per line, curly quotes, mixed scripts); offsets index the
string passed in. :mod:`utils.text.tokeniser` re-exports everything public here, next to the tokeniser.

>>> split_sentences("Dr. Kim tiba di Jl. Merdeka. Rusia diam.")
['Dr. Kim tiba di Jl. Merdeka.', 'Rusia diam.']
"""

from __future__ import annotations

import itertools
import re
import string
from functools import lru_cache
from typing import NamedTuple

from utils import paths

# ---------------------------------------------------------------------------------------------
# Abbreviations
# ---------------------------------------------------------------------------------------------

_DEFAULT_ABBREVIATIONS = (
    "Dr. dr. Drs. Prof. Ir. H. Hj. St. Jl. Jln. No. Tbk. PT. a.n. s.d. tgl. hlm. Kab. Kec. Jend."
)
_DEFAULT_FINAL_ABBREVIATIONS = "dkk. dll. dsb. dst. etc."


@lru_cache(maxsize=8)
def load_abbreviations(path: str | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """Return ``(abbreviations, may_end_sentence)`` read from ``data/abbreviations-id.txt``.

    Each line holds one abbreviation with its final period; the marker ``end`` after it means the
    abbreviation may also end a sentence. Falls back to a small built-in list if the file is
    missing.

    >>> abbreviations, may_end = load_abbreviations()
    >>> "Dr." in abbreviations, "dkk." in may_end, "Dr." in may_end
    (True, True, False)
    """
    file = paths.resolve(path) if path else paths.ABBREVIATIONS_FILE
    if not file.exists():
        defaults = _DEFAULT_ABBREVIATIONS.split() + _DEFAULT_FINAL_ABBREVIATIONS.split()
        return frozenset(defaults), frozenset(_DEFAULT_FINAL_ABBREVIATIONS.split())
    everything, may_end = set(), set()
    for line in file.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        abbreviation = fields[0]
        everything.add(abbreviation)
        if len(fields) > 1 and fields[1].lower() == "end":
            may_end.add(abbreviation)
    return frozenset(everything), frozenset(may_end)


# ---------------------------------------------------------------------------------------------
# Paragraphs and sentences
# ---------------------------------------------------------------------------------------------

_BLOCK_RE = re.compile(r"(?:[^\n]|\n(?![^\S\n]*\n))+")


def _cleaned_paragraph_spans(text: str) -> list[tuple[int, int]] | None:
    """The paragraph spans of cleaned text (paragraphs separated by exactly one blank line, no
    other newline, no whitespace around a paragraph) from one split on ``"\\n\\n"``; ``None``
    for any other text.

    >>> _cleaned_paragraph_spans("Rusia diam.\\n\\nKorut juga."), _cleaned_paragraph_spans(" a")
    ([(0, 11), (13, 24)], None)
    """
    parts = text.split("\n\n")
    if (
        "" in parts
        or text.count("\n") != 2 * (len(parts) - 1)  # a newline inside a paragraph
        or [part.strip() for part in parts] != parts  # whitespace around one
    ):
        return None
    spans = []
    start = 0
    for part in parts:
        spans.append((start, start + len(part)))
        start += len(part) + 2
    return spans


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each paragraph; paragraphs are separated by blank lines.

    Leading and trailing whitespace is excluded from each span.

    >>> text = "Rusia membantah.\\n\\nKorea Utara diam."
    >>> [text[s:e] for s, e in paragraph_spans(text)]
    ['Rusia membantah.', 'Korea Utara diam.']
    >>> paragraph_spans(" a\\n \\n\\nb")
    [(1, 2), (6, 7)]
    """
    cleaned = _cleaned_paragraph_spans(text)
    return cleaned if cleaned is not None else _blank_line_paragraph_spans(text)


def _blank_line_paragraph_spans(text: str) -> list[tuple[int, int]]:
    """:func:`paragraph_spans` of any text: blocks between blank lines, whitespace stripped.

    >>> _blank_line_paragraph_spans(" a\\n \\n\\nb")
    [(1, 2), (6, 7)]
    """
    spans = []
    for match in _BLOCK_RE.finditer(text):
        block = match.group()
        stripped = block.strip()
        if not stripped:
            continue
        start = match.start() + (len(block) - len(block.lstrip()))
        spans.append((start, start + len(stripped)))
    return spans


_OPENERS = "\"“‘'([`"
_QUOTE_OPENERS = "\"“‘'`"
_CLOSERS = "\"”’')]»"
# A candidate sentence end (every newline is one too, found apart with ``str.find``): sentence
# marks with closing quotes or brackets and the spaces after them. The last line is a prefilter, a
# strict superset of what ``sentence_spans`` accepts: after the spaces, an ASCII capital or any
# non-ASCII character (glued or not: a capital, a script without case, a curly quote, a bullet),
# or, after at least one space, a digit, an opening quote or bracket, or a dash
# (``_opens_sentence``). So an accepted candidate is always followed by a character, and never by
# a newline; and no candidate holds a newline.
# Written for speed, with the same matches as the plain form
#   (?>(?P<term>\.{2,}|…|[.!?]+)(?P<close>[quotes]*)(?P<space>[^\S\n]*))
# - every alternative of ``term`` starts with a literal character, so the regex engine jumps
#   straight to the next . ! ? or … instead of trying the pattern at every position;
# - the alternatives exclude each other (``\.\.++`` takes two dots or more, ``\.(?!\.)`` one) and
#   every repeat is possessive (``*+``), so, as with the atomic group, a rejected candidate is not
#   re-tried with fewer marks, quotes or spaces.
_MARK_CANDIDATE_RE = re.compile(
    r"(?P<term>…|\.\.++|\.(?!\.)[.!?]*+|![.!?]*+|\?[.!?]*+)"
    r"(?P<close>[\"”’')\]»]*+)(?P<space>[^\S\n]*+)"
    r"(?:(?=[A-Z]|[^\x00-\x7f])|(?<=[^\S\n])(?=[0-9\"'(\[`-]))"
)
# The same candidates in a text without ! ? or … (most news): only the alternatives that start
# with a period are left, so the regex engine looks for one literal character, which it does
# several times faster than for a set of them.
_PERIOD_CANDIDATE_RE = re.compile(
    r"(?P<term>\.\.++|\.(?!\.)[.!?]*+)"
    r"(?P<close>[\"”’')\]»]*+)(?P<space>[^\S\n]*+)"
    r"(?:(?=[A-Z]|[^\x00-\x7f])|(?<=[^\S\n])(?=[0-9\"'(\[`-]))"
)
_OTHER_MARKS = "!?…"
#: The whitespace after a newline: a line break with blank lines after it is one sentence end.
_SPACES_RE = re.compile(r"\s*")
_DOTTED_RE = re.compile(r"(?:[^\W\d_]{1,2}\.)*[^\W\d_]{1,2}")
_BULLET_RE = re.compile(r"[-–—•]+[^\S\n]")
_ROMAN_INITIALS = frozenset("IVX")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each sentence in ``text``.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus closing quotes and brackets) when the
    next word starts with a capital (or a letter of a script without case, such as ``김`` or
    ``ひ``), a digit, an opening quote or a list dash, so ``"Siapa?" tanya dia`` stays one
    sentence. The period does not end a sentence when it belongs to an abbreviation (``Dr.``,
    ``Jl.``, ``No.``, ``a.n.``, ``s.d.``; ``dkk.`` and ``Inc.`` only before a capital or a quote,
    and not in ``Co. Ltd.``), an initial (``J.``, but a Roman numeral after a lowercase word,
    ``kuartal I.``, may end a sentence), a list number opening the sentence (``1. Rusia ...``),
    a number broken by a space (``2.904. 678``, ``v9. 1``) or a short bracket (``(Bl.)``).
    Every newline also ends a sentence, so sentences never cross a paragraph break (nor a line
    of a raw file). Glued sentences (``2019.Bulan``) are split too.

    >>> text = 'Dr. Kim tiba di Jl. Merdeka No. 5. "Kami siap," kata dia.Rusia diam.'
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Dr. Kim tiba di Jl. Merdeka No. 5.', '"Kami siap," kata dia.', 'Rusia diam.']
    >>> split_sentences('"Kapan perang usai?" tanya dia. Ekspor naik pada kuartal I. Harga turun.')
    ['"Kapan perang usai?" tanya dia.', 'Ekspor naik pada kuartal I.', 'Harga turun.']
    """
    known = _abbreviation_sets(*load_abbreviations())
    if any(mark in text for mark in _OTHER_MARKS):
        candidates = _MARK_CANDIDATE_RE.finditer(text)
    else:
        candidates = _PERIOD_CANDIDATE_RE.finditer(text)
    plain_word_ends = known.plain_word_ends
    spans: list[tuple[int, int]] = []
    start = 0
    newline = text.find("\n")
    for match in candidates:
        pos = match.start()
        while 0 <= newline < pos:  # a newline comes first: it ends the sentence
            start, newline = _end_at_newline(text, start, newline, spans)
        # the match ends where its spaces end: (end of the sentence, start of the next one)
        end, next_pos = match.span("space")
        following = text[next_pos]  # the candidate pattern guarantees one (not a newline)
        if end < next_pos:
            if not (following.isupper() or _opens_sentence(text, next_pos)):
                continue
        elif not (following.isupper() and _glued_after(text, pos)):
            continue  # glued: only "dia.Rusia", "2019.Bulan"
        if text[pos] == ".":
            term_end = match.end("term")
            if (
                term_end == pos + 1
                # most single periods follow a word that is surely no abbreviation, outside
                # brackets, with no quote after them: they end the sentence, no need to ask
                # (before position 3 the slice is shorter than three letters: never in the set)
                and not (
                    text[pos - 3 : pos] in plain_word_ends
                    and term_end == end
                    and text.rfind("(", start, pos) <= start
                )
                and _period_continues(
                    text, pos, start, next_pos, closed=term_end < end, known=known
                )
            ):
                continue  # a single period that is not a sentence end
        # the common case of _add_span, inline for speed: the sentence ends with a mark or a
        # closing quote, and starts with no space (unless it is the first one)
        if text[start].isspace():
            _add_span(text, start, end, spans)
        else:
            spans.append((start, end))
        start = next_pos
    while newline >= 0:
        start, newline = _end_at_newline(text, start, newline, spans)
    _add_span(text, start, len(text), spans)
    return spans


def _after_line_break(text: str, newline: int) -> int:
    """Where the sentence after the line break at ``newline`` starts: after the whitespace that
    follows it (so blank lines make one break), but not past a quote.

    >>> _after_line_break("diam.\\n\\nKorut", 5), _after_line_break("diam.\\n \\n\\t\\"Korut", 5)
    (7, 9)
    """
    return _SPACES_RE.match(text, newline + 1).end()


def _end_at_newline(
    text: str, start: int, newline: int, spans: list[tuple[int, int]]
) -> tuple[int, int]:
    """End the sentence that began at ``start`` at the ``newline`` (a position in ``text``);
    return where the next sentence starts (after the whitespace that follows the newline, but not
    past a quote) and the position of the next newline after that (-1: none).

    >>> spans = []
    >>> _end_at_newline("Rusia diam\\n\\n Korut\\nAS", 0, 10, spans), spans
    ((13, 18), [(0, 10)])
    """
    if start < newline and not (text[start].isspace() or text[newline - 1].isspace()):
        spans.append((start, newline))  # the common case of _add_span, without copying
    else:
        _add_span(text, start, newline, spans)
    # cleaned text: one blank line, then a paragraph that starts with no space
    if text.startswith("\n", newline + 1) and not text[newline + 2 : newline + 3].isspace():
        start = newline + 2
    else:
        start = _after_line_break(text, newline)
    return start, text.find("\n", start)


class _AbbreviationSets(NamedTuple):
    """The abbreviation lists as :func:`_period_continues` looks words up in them."""

    #: The abbreviations that end in a period, without it: ``word in stems`` is
    #: ``word + "." in abbreviations`` without building the string.
    stems: frozenset[str]
    #: The same for the abbreviations that may end a sentence.
    may_end_stems: frozenset[str]
    #: The abbreviations that may end a sentence, as listed.
    may_end: frozenset[str]
    #: Every three lowercase ASCII letters that no abbreviation ends with: a word that ends with
    #: them is no abbreviation, a dotted one (``a.n``), an initial or a number.
    plain_word_ends: frozenset[str]


@lru_cache(maxsize=8)
def _abbreviation_sets(abbreviations: frozenset[str], may_end: frozenset[str]) -> _AbbreviationSets:
    """The lists of :func:`load_abbreviations` as :func:`_period_continues` uses them.

    >>> known = _abbreviation_sets(frozenset({"Dr.", "dkk.", "RT"}), frozenset({"dkk."}))
    >>> sorted(known.stems), sorted(known.may_end_stems)
    (['Dr', 'dkk'], ['dkk'])
    >>> "kan" in known.plain_word_ends, "dkk" in known.plain_word_ends, "Kim" in known.plain_word_ends
    (True, False, False)
    """
    stems = frozenset(a[:-1] for a in abbreviations if a.endswith("."))
    letters = string.ascii_lowercase
    return _AbbreviationSets(
        stems=stems,
        may_end_stems=frozenset(a[:-1] for a in may_end if a.endswith(".")),
        may_end=may_end,
        plain_word_ends=frozenset(map("".join, itertools.product(letters, repeat=3)))
        - {stem[-3:] for stem in stems},
    )


def _glued_after(text: str, pos: int) -> bool:
    """Whether the two characters before ``pos`` are lowercase letters or digits ("dia", "2019")."""
    before = text[max(0, pos - 2) : pos]
    return len(before) == 2 and _is_lower_or_digit(before)


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` (after a sentence mark and a space) can open a sentence."""
    first = text[pos]
    return (
        first.isupper()
        or first.isdigit()
        or first in _OPENERS
        or (first.isalpha() and not first.islower())  # scripts without case
        or _BULLET_RE.match(text, pos) is not None
    )


def _period_continues(
    text: str,
    pos: int,
    start: int,
    next_pos: int,
    *,
    closed: bool,
    known: _AbbreviationSets,
) -> bool:
    """Whether the single period at ``pos`` belongs to the sentence (which began at ``start``)
    rather than ending it; ``next_pos`` is where the next sentence would start, ``closed`` says
    whether closing quotes or brackets follow the period.

    >>> known = _abbreviation_sets(*load_abbreviations())
    >>> text = "Dia tiba di Jl. Merdeka. Rusia diam."
    >>> [_period_continues(text, pos, 0, pos + 2, closed=False, known=known) for pos in (14, 23)]
    [True, False]
    """
    # "Honje (E. hemisphaerica (Bl.) Smith)", "(SSK. II)"; most sentences have no bracket
    if text.rfind("(", start, pos) > start and _inside_short_bracket(text, start, pos):
        return True
    if closed:
        return False
    word = _word_before(text, pos)
    if len(word) > 1 and word not in known.stems and word.isupper():
        word = word.capitalize()  # "JL." is written for "Jl."
    following = text[next_pos]
    if word in known.stems:
        if word not in known.may_end_stems:
            return True
        next_word = text[next_pos:].split(None, 1)[0] if following.strip() else ""
        # "dll. Rusia", "Inc. \"Kami" end; "dkk. (2020)" and "Co. Ltd." do not
        return (
            not (following.isupper() or following in _QUOTE_OPENERS) or next_word in known.may_end
        )
    if "." in word and _DOTTED_RE.fullmatch(word):
        return True  # dotted abbreviations ("a.n", "s.d")
    if len(word) == 1 and word.isupper():
        # an initial ("J. Trump"), unless a Roman numeral after a lowercase word ("kuartal I.")
        previous = _word_before(text, pos - 1)
        return not (word in _ROMAN_INITIALS and previous[:1].islower())
    if word[-1:].isdigit() and following.isdigit():
        return True  # a number or version broken by a space: "2.904. 678", "v9. 1"
    # a list number opening the sentence ("1. Rusia ...")
    return word.isdigit() and len(word) <= 3 and not text[start : pos - len(word)].strip()


def _inside_short_bracket(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a bracket opened mid-sentence and closed within 30 characters."""
    opening = text.rfind("(", start, pos)
    if opening <= start or not text[start:opening].strip() or ")" in text[opening:pos]:
        return False
    closing = text.find(")", pos, pos + 30)
    return closing >= 0 and not any(mark in text[pos + 1 : closing] for mark in ".!?\n")


def _is_lower_or_digit(chars: str) -> bool:
    return all(c.islower() or c.isdigit() for c in chars)


def _word_before(text: str, pos: int) -> str:
    """The whitespace-delimited word ending at ``pos`` (at most 40 characters, without leading
    opening punctuation).

    >>> _word_before('kata "Dr. Kim', 8), _word_before("kata dia . Rusia", 9)
    ('Dr', 'dia')
    """
    low = max(0, pos - 40)
    space = text.rfind(" ", low, pos)
    word = text[space + 1 if space >= 0 else low : pos]
    # every whitespace character but the space is unprintable: a printable word holds none
    if not (word and word.isprintable()):
        parts = text[low:pos].rsplit(None, 1)  # other whitespace, or spaces just before pos
        word = parts[-1] if parts else ""
    return word.lstrip(_OPENERS)


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the span ``start:end`` of ``text`` without the whitespace at its edges, if any is
    left.

    >>> spans = []
    >>> _add_span(" Rusia diam. ", 0, 13, spans), _add_span("Rusia", 0, 5, spans), spans
    (None, None, [(1, 12), (0, 5)])
    """
    # the common case (no space at either edge) without copying the sentence
    if start < end and not (text[start].isspace() or text[end - 1].isspace()):
        spans.append((start, end))
        return
    segment = text[start:end]
    stripped = segment.strip()
    if stripped:
        new_start = start + len(segment) - len(segment.lstrip())
        spans.append((new_start, new_start + len(stripped)))


def split_sentences(text: str) -> list[str]:
    """Return the sentences of ``text`` as strings (see :func:`sentence_spans` for the rules).

    >>> split_sentences("Harga naik 2,5 persen. Menurut Prof. Budi dkk. (2020) itu wajar!")
    ['Harga naik 2,5 persen.', 'Menurut Prof. Budi dkk. (2020) itu wajar!']
    """
    return [text[start:end] for start, end in sentence_spans(text)]
