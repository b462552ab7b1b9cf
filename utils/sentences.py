"""Indonesian paragraphs and sentences, and the abbreviation list both they and the tokeniser use.

Works on the cleaned article ``text`` (paragraphs separated by one blank line) and on arbitrary
input (raw files with one paragraph per line, curly quotes, mixed scripts); offsets index the
string passed in. :mod:`utils.text` re-exports everything public here, next to the tokeniser.

>>> split_sentences("Dr. Kim tiba di Jl. Merdeka. Rusia diam.")
['Dr. Kim tiba di Jl. Merdeka.', 'Rusia diam.']
"""

from __future__ import annotations

import re
from functools import lru_cache

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
# A candidate sentence end: a newline (always a break), or sentence marks with closing quotes or
# brackets and the spaces after them. The last line is a prefilter, a strict superset of what
# ``sentence_spans`` accepts: after the spaces, an ASCII capital or any non-ASCII character (glued
# or not: a capital, a script without case, a curly quote, a bullet), or, after at least one
# space, a digit, an opening quote or bracket, or a dash (``_opens_sentence``). So an accepted
# candidate is always followed by a character, and never by a newline.
# Written for speed, with the same matches as the plain form
#   (?>(?P<term>(?P<newline>\n)\s*|\.{2,}|…|[.!?]+)(?P<close>[quotes]*)(?P<space>[^\S\n]*))
# - every alternative of ``term`` starts with a literal character, so the regex engine jumps
#   straight to the next \n . ! ? or … instead of trying the pattern at every position;
# - the alternatives exclude each other (``\.\.++`` takes two dots or more, ``\.(?!\.)`` one) and
#   every repeat is possessive (``*+``), so, as with the atomic group, a rejected candidate is not
#   re-tried with fewer marks, quotes or spaces;
# - ``newline`` is an empty group after the ``\n`` (a group first would hide that literal).
_SENTENCE_CANDIDATE_RE = re.compile(
    r"(?P<term>\n(?P<newline>)\s*+|…|\.\.++|\.(?!\.)[.!?]*+|![.!?]*+|\?[.!?]*+)"
    r"(?P<close>[\"”’')\]»]*+)(?P<space>[^\S\n]*+)"
    r"(?(newline)|(?:(?=[A-Z]|[^\x00-\x7f])|(?<=[^\S\n])(?=[0-9\"'(\[`-])))"
)
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
    abbreviations, may_end = load_abbreviations()
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_CANDIDATE_RE.finditer(text):
        term = match.group("term")
        if term[0] == "\n":
            end = match.start()
            # the common case (no space at either edge) without copying the sentence
            if start < end and not (text[start].isspace() or text[end - 1].isspace()):
                spans.append((start, end))
            else:
                _add_span(text, start, end, spans)
            start = match.end("term")  # not past a quote opening the next line
            continue
        next_pos = match.end()
        following = text[next_pos]  # the candidate pattern guarantees one (not a newline)
        if match.group("space"):
            if not (following.isupper() or _opens_sentence(text, next_pos)):
                continue
        elif not (following.isupper() and _glued_after(text, match.start())):
            continue  # glued: only "dia.Rusia", "2019.Bulan"
        if term == "." and _period_continues(text, match, start, abbreviations, may_end):
            continue
        end = match.start("space")
        if start < end and not (text[start].isspace() or text[end - 1].isspace()):
            spans.append((start, end))
        else:
            _add_span(text, start, end, spans)
        start = next_pos
    _add_span(text, start, len(text), spans)
    return spans


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
    match: re.Match[str],
    start: int,
    abbreviations: frozenset[str],
    may_end: frozenset[str],
) -> bool:
    """Whether the single period of ``match`` belongs to the sentence rather than ending it."""
    pos = match.start()
    if _inside_short_bracket(text, start, pos):
        return True  # "Honje (E. hemisphaerica (Bl.) Smith)", "(SSK. II)"
    if match.group("close"):
        return False
    word = _word_before(text, pos)
    if word + "." not in abbreviations and word.isupper() and len(word) > 1:
        word = word.capitalize()  # "JL." is written for "Jl."
    following = text[match.end()]
    if word + "." in abbreviations:
        if word + "." not in may_end:
            return True
        next_word = text[match.end() :].split(None, 1)[0] if following.strip() else ""
        # "dll. Rusia", "Inc. \"Kami" end; "dkk. (2020)" and "Co. Ltd." do not
        return not (following.isupper() or following in _QUOTE_OPENERS) or next_word in may_end
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
    """The whitespace-delimited word ending at ``pos`` (without leading opening punctuation)."""
    chunk = text[max(0, pos - 40) : pos]
    parts = chunk.rsplit(None, 1)
    word = parts[-1] if parts else ""
    return word.lstrip(_OPENERS)


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
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
