"""Indirect quotations: reported speech with an Indonesian cue and a speaker, no quotation marks.

One per sentence, the first of these that fits:

* a cue after the content: ``Rusia siap berunding, kata Peskov.`` / ``…, ujarnya.``;
* ``menurut``: ``Menurut Shoigu, latihan gabungan direncanakan.`` / ``…, menurut dia.``;
* a verb of saying after its subject: ``Putin mengatakan (bahwa) Rusia siap …`` (the verbs of
  :data:`utils.quotes.cues.VERB_CUE_WORDS`; ``menyampaikan`` and the like only with ``bahwa``,
  a comma or a colon; not before a noun such as ``tuduhan`` or ``belasungkawa``);
* ``Dalam pernyataannya, …``.

Sentences that hold a direct quotation or its attribution are left to :mod:`utils.quotes.direct`.

>>> text = "Menurut Shoigu, latihan militer gabungan sedang direncanakan. Rusia membantah tuduhan itu."
>>> [(q.text, q.cue, text[q.speaker_start:q.speaker_end]) for q in indirect_quotes(text, taken=[])]
[('latihan militer gabungan sedang direncanakan.', 'menurut', 'Shoigu')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from utils.quotes import cues
from utils.quotes.direct import Candidate
from utils.quotes.speakers import speaker_phrase_after, speaker_phrase_before

MIN_CONTENT_WORDS = 3
AFTER_COMMA_CUE = re.compile(
    r",\s*(" + "|".join(sorted(cues.AFTER_CUE_WORDS, key=len, reverse=True)) + r"|demikian)\b"
)
MENURUT = re.compile(r"\b[Mm]enurut(nya)?\b")
PERNYATAAN = re.compile(r"\b[Dd]alam pernyataannya\s*,\s*")
WORD = re.compile(r"[^\W\d_][\w-]*")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,:":
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _enough(text: str, start: int, end: int) -> bool:
    return len(WORD.findall(text, start, end)) >= MIN_CONTENT_WORDS


def _candidate(text, start, end, cue, cue_start, cue_end, speaker, pronoun_cue=False):
    start, end = _strip(text, start, end)
    return Candidate("indirect", start, end, text[start:end], cue, cue_start, cue_end,
                     speaker[0], speaker[1], pronoun_cue)  # fmt: skip


def _after_cue(text: str, first: int, last: int) -> Candidate | None:
    for match in AFTER_COMMA_CUE.finditer(text, first, last):
        if re.search(r"[\"“”]\s*$", text[first : match.start() + 1]):
            continue  # the attribution of a direct quote
        cue = match.group(1)
        cue_start, cue_end = match.span(1)
        if not _enough(text, first, match.start()):
            continue
        if cue.endswith("nya") and cue != "tanya":
            speaker = (cue_end - 3, cue_end)
            return _candidate(text, first, match.start(), cue, cue_start, cue_end, speaker, True)
        speaker = speaker_phrase_after(text, cue_end)
        if speaker[0] == speaker[1]:
            continue
        return _candidate(text, first, match.start(), cue, cue_start, cue_end, speaker)
    return None


def _menurut(text: str, first: int, last: int) -> Candidate | None:
    for match in MENURUT.finditer(text, first, last):
        cue_start, cue_end = match.span()
        if match.group(1):  # menurutnya
            speaker = (cue_end - 3, cue_end)
        else:
            speaker = speaker_phrase_after(text, cue_end)
            if speaker[0] == speaker[1]:
                continue
            head = text[speaker[0] : speaker[1]].split()[0].lower()
            if head in cues.NOT_SPEAKER_AFTER_MENURUT | cues.DOCUMENT_WORDS:
                continue
        pronoun = bool(match.group(1))
        at_start = not text[first:cue_start].strip(" ,") or re.fullmatch(
            r"\s*(?:Namun|Tetapi|Sementara itu|Adapun|Bahkan|Sebab|Karena|Lebih lanjut)\s*,?\s*",
            text[first:cue_start],
        )
        after = re.match(r"\s*,\s*", text[speaker[1] : last]) if not pronoun else re.match(
            r"\s*,?\s*", text[cue_end:last]
        )
        if at_start and after:
            content_start = (speaker[1] if not pronoun else cue_end) + after.end()
            if _enough(text, content_start, last):
                return _candidate(text, content_start, last, match.group().lower(), cue_start,
                                  cue_end, speaker, pronoun)  # fmt: skip
        elif text[cue_start - 2 : cue_start].strip() == "," and _enough(text, first, cue_start):
            return _candidate(text, first, cue_start - 2, match.group().lower(), cue_start,
                              cue_end, speaker, pronoun)  # fmt: skip
    return None


def _verb_cue(text: str, first: int, last: int) -> Candidate | None:
    for match in WORD.finditer(text, first, last):
        verb = match.group()
        if not cues.VERB_CUE.match(verb.lower()) or verb[0].isupper():
            continue
        cue_start, cue_end = match.span()
        rest = text[cue_end:last]
        opener = re.match(r"\s*(?:(?:kepada|pada|di hadapan)\s+[^,.:]{1,60}?\s*)?(bahwa\b|,|:)\s*", rest)
        if opener is None:
            next_word = WORD.match(rest.lstrip())
            if verb.lower() in cues.VERBS_NEEDING_BAHWA and (
                next_word is None or next_word.group().lower() not in cues.CLAUSE_START_WORDS
            ):
                continue
            if next_word is None or next_word.group().lower() in cues.NOT_CONTENT_WORDS:
                continue
            content_start = cue_end
        else:
            content_start = cue_end + opener.end()
        if not _enough(text, content_start, last):
            continue
        speaker = speaker_phrase_before(text, cue_start, floor=first)
        if speaker[0] == speaker[1] or text[speaker[0] : speaker[1]].split()[0].lower() in cues.DOCUMENT_WORDS:
            continue
        return _candidate(text, content_start, last, verb.lower(), cue_start, cue_end, speaker)
    return None


def _statement(text: str, first: int, last: int) -> Candidate | None:
    match = PERNYATAAN.search(text, first, last)
    if match is None or not _enough(text, match.end(), last):
        return None
    cue_start, cue_end = match.start(), match.end()
    nya = match.group().rstrip(" ,")
    speaker = (match.start() + len(nya) - 3, match.start() + len(nya))
    return _candidate(text, match.end(), last, "dalam pernyataannya", cue_start, cue_end, speaker, True)


#: A sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus closing marks) before a capital, a digit or
#: an opening mark, or glued to a capitalised word (``Ukraina.Menurut``), and at every line break;
#: a period after a title or an initial does not end one.
BOUNDARY = re.compile(r"[.!?…][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|[.!?](?=[A-Z][a-z]{2})|\n")
NOT_SENTENCE_END = frozenset(
    "Dr Jl No Prof Ir H Hj St Pol Kol Jend Brig Let Mr Mrs Ms Sdr Bpk Tn Ny dkk dll Rp Drs Kec Kab".split()
)


def _is_boundary(text: str, match: re.Match) -> bool:
    position = match.start()
    if text[position] != ".":
        return True
    word_start = position
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start:position]
    return not ((len(word) == 1 and word.isupper()) or word in NOT_SENTENCE_END)


def _boundary_end(text: str, match: re.Match) -> int:
    return match.end() if text[match.start()] == "\n" else match.start() + 1


def _sentence_around(text: str, position: int) -> tuple[int, int]:
    """The sentence holding ``position``: a cheap splitter (see :data:`BOUNDARY`) run only
    around the cues, so the cost does not grow with the sentences that hold none."""
    line_start = text.rfind("\n", 0, position) + 1
    window = max(line_start, position - 400)
    first = window
    for match in BOUNDARY.finditer(text, window, position + 4):  # room for the lookahead
        if match.end() <= position and _is_boundary(text, match):
            first = _boundary_end(text, match)
    last = len(text)
    for match in BOUNDARY.finditer(text, position):
        if _is_boundary(text, match):
            last = _boundary_end(text, match)
            break
    return first, last


def indirect_quotes(text: str, *, taken: Sequence[tuple[int, int]]) -> list[Candidate]:
    """The indirect quotations of ``text``, skipping sentences that overlap a ``taken`` span
    (direct quotations and their attributions).

    >>> [q.text for q in indirect_quotes("Dr. Kim mengatakan Rusia siap berunding. Harga naik.", taken=[])]
    ['Rusia siap berunding.']
    """
    cue_positions = cues.cue_starts(text.lower())
    if not cue_positions:
        return []
    taken = sorted(taken)
    taken_starts = [s for s, _ in taken]
    found, done = [], -1
    for position in cue_positions:
        if position < done:
            continue
        index = bisect.bisect_right(taken_starts, position) - 1
        if index >= 0 and position < max(e for _, e in taken[max(0, index - 8) : index + 1]):
            continue  # inside a direct quotation or its attribution
        first, last = _sentence_around(text, position)
        done = last
        index = bisect.bisect_left(taken_starts, last) - 1
        if index >= 0 and any(s < last and e > first for s, e in taken[max(0, index - 8) : index + 1]):
            continue
        first, last = _strip(text, first, last)
        for finder in (_after_cue, _menurut, _verb_cue, _statement):
            candidate = finder(text, first, last)
            if candidate is not None:
                found.append(candidate)
                break
    return found
