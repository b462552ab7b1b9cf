"""Text in quotation marks: spans of ``"…"``, ``“…”`` and ``‘…’`` in a cleaned article.

:func:`marked_spans` pairs the marks of each paragraph in one left-to-right pass (linear in the
text), so unbalanced marks cannot make it search far: a mark left open ends at its paragraph's
end; a paragraph that leaves a mark open and is followed by a paragraph opening with a mark is
one quotation across paragraphs (the news convention for multi-paragraph quotes). Single marks
count only outside double ones (``‘kekuatan besar’`` inside a quote is part of that quote), and
``’`` between letters is an apostrophe (``Jum’at``). Which spans are quotations is decided by
:mod:`utils.quotes.direct`.

>>> text = '“Kami siap,” kata Putin, “untuk bicara.”\\n\\n“Sangat penting.\\n\\n“Ya,” tambahnya.'
>>> [(text[s.start:s.end], s.closed) for s in marked_spans(text)]
[('Kami siap,', True), ('untuk bicara.', True), ('Sangat penting.\\n\\n“Ya,', True)]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

DOUBLE_MARKS = re.compile(r'["“”„«»]')
SINGLE_MARKS = re.compile(r"[‘’]")
ANY_MARK = re.compile(r'["“”„«»‘’]')
OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")


@dataclass(frozen=True)
class MarkedSpan:
    """Text between quotation marks: ``start``/``end`` of the text inside (stripped of spaces),
    ``open_at`` the opening mark, ``close_end`` just after the closing mark (or the paragraph end
    when the mark is never closed), ``closed`` whether a closing mark was found."""

    start: int
    end: int
    open_at: int
    close_end: int
    closed: bool


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-empty line of ``text``, without its outer spaces.

    >>> paragraph_spans("Rusia.\\n\\nKorut.")
    [(0, 6), (8, 14)]
    """
    spans, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((position + lead, position + len(line.rstrip())))
        position += len(line) + 1
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _pair_double(text: str, first: int, last: int) -> list[tuple[int, int | None]]:
    """Pairs (open, close or None) of the double marks of one paragraph ``text[first:last]``."""
    pairs: list[tuple[int, int | None]] = []
    open_at: int | None = None
    for match in DOUBLE_MARKS.finditer(text, first, last):
        mark, position = match.group(), match.start()
        if mark in OPENERS:
            if open_at is not None:  # unbalanced: the earlier mark never closed
                pairs.append((open_at, None))
            open_at = position
        elif mark in CLOSERS:
            if open_at is not None:
                pairs.append((open_at, position))
                open_at = None
        elif open_at is None:  # '"' opens unless a mark is open
            open_at = position
        else:
            pairs.append((open_at, position))
            open_at = None
    if open_at is not None:
        pairs.append((open_at, None))
    return pairs


def _pair_single(text: str, first: int, last: int, inside) -> list[tuple[int, int | None]]:
    pairs: list[tuple[int, int | None]] = []
    open_at: int | None = None
    for match in SINGLE_MARKS.finditer(text, first, last):
        position = match.start()
        if inside(position):
            continue
        before = text[position - 1] if position > first else " "
        after = text[position + 1] if position + 1 < last else " "
        if match.group() == "‘":
            if open_at is None and not before.isalnum():
                open_at = position
        elif before.isalnum() and after.isalnum():
            continue  # an apostrophe: Jum’at
        elif open_at is not None:
            pairs.append((open_at, position))
            open_at = None
    return pairs


def marked_spans(text: str) -> list[MarkedSpan]:
    """The spans of ``text`` in quotation marks, in text order (see the module docstring).

    >>> [text[s.start:s.end] for text in ['Ia berkata "tidak ada" lalu pergi "'] for s in marked_spans(text)]
    ['tidak ada']
    """
    if not ANY_MARK.search(text):
        return []
    paragraphs = paragraph_spans(text)
    spans: list[MarkedSpan] = []
    carried: tuple[int, int] | None = None  # (open_at, start) of a quote running on
    for number, (first, last) in enumerate(paragraphs):
        if carried is None and not ANY_MARK.search(text, first, last):
            continue
        pairs = _pair_double(text, first, last)
        opens = [o for o, _ in pairs]  # sorted, and the pairs do not overlap
        closes = [c if c is not None else last for _, c in pairs]

        def inside(position: int, opens=opens, closes=closes) -> bool:
            index = bisect.bisect_left(opens, position) - 1
            return index >= 0 and position < closes[index]

        pairs += _pair_single(text, first, last, inside)
        pairs.sort()
        if carried is not None and not (pairs and pairs[0][0] == first):
            carried = None  # this paragraph does not reopen: the open quote ended
        for index, (open_at, close_at) in enumerate(pairs):
            start_from = open_at
            if index == 0 and carried is not None:
                start_from = carried[0]
            if close_at is None:
                if index == len(pairs) - 1:
                    carried = (start_from, 0)
                    if _runs_on(text, paragraphs, number):
                        continue
                    carried = None
                end, close_end, closed = last, last, False
            else:
                end, close_end, closed = close_at, close_at + 1, True
                carried = None
            start, end = _strip(text, start_from + 1, end)
            if start < end:
                spans.append(MarkedSpan(start, end, start_from, close_end, closed))
    return spans


def _runs_on(text: str, paragraphs: list[tuple[int, int]], number: int) -> bool:
    """Whether the paragraph after paragraph ``number`` opens with a quotation mark."""
    return number + 1 < len(paragraphs) and text[paragraphs[number + 1][0]] in '"“„«'

