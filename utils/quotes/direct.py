"""Direct quotations: text in quotation marks that reproduces someone's words, with the cue and
speaker phrase of its attribution.

A marked span is a quotation when an attribution is attached to it (``"…," kata Lavrov``,
``Putin mengatakan, "…"``, ``Menurut Shoigu, "…"``, ``"…," tabloid Rusia … mengingatkan``) or
when it holds at least :data:`MIN_WORDS` words and is not a title. Shorter unattributed spans
are scare quotes, terms or names (``"negara nakal"``, ``"hegemoni"``). The second half of a quote
split by its attribution (``"…," kata Lavrov, "…"``) finds the same attribution before it.

>>> text = '"Kami siap," kata juru bicara Kremlin Dmitry Peskov, "untuk berunding." Ia menyebut "hegemoni" AS.'
>>> [(q.text, q.cue, text[q.speaker_start:q.speaker_end]) for q in direct_quotes(text)]
[('Kami siap,', 'kata', 'juru bicara Kremlin Dmitry Peskov'), ('untuk berunding.', 'kata', 'juru bicara Kremlin Dmitry Peskov')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from utils.quotes import cues
from utils.quotes.marks import marked_spans
from utils.quotes.speakers import speaker_phrase_after, speaker_phrase_before

MIN_WORDS = 4
LOOK_AFTER = 160
LOOK_BEFORE = 160
AFTER_WORD = re.compile(r"\s*[,.]?\s*(?:(demikian|begitu)\s+)?([^\W\d_][\w-]*)")
SENTENCE_START = re.compile(r"(?:[.!?]\s|\n)")


@dataclass(frozen=True)
class Candidate:
    """A quotation before its speaker is resolved: ``kind``, offsets of the quoted or reported
    text, the cue (``cue_start == cue_end`` when none) and the speaker phrase (empty when none;
    ``pronoun_cue`` when the cue itself carries ``-nya``)."""

    kind: str
    start: int
    end: int
    text: str
    cue: str | None
    cue_start: int
    cue_end: int
    speaker_start: int
    speaker_end: int
    pronoun_cue: bool = False
    starts_paragraph: bool = False


def _attribution_after(text: str, close_end: int) -> tuple[str, int, int, int, int, bool] | None:
    """``(cue, cue_start, cue_end, speaker_start, speaker_end, pronoun_cue)`` right after a quote."""
    match = AFTER_WORD.match(text, close_end, min(len(text), close_end + 40))
    if match is None or "\n" in text[close_end:match.start(2)]:
        return None
    word, word_start, word_end = match.group(2), match.start(2), match.end(2)
    lowered = word.lower()
    if word[0].isupper() and text[close_end - 2 : close_end - 1] in ".!?":
        return None  # a new sentence starts after the quote
    if cues.AFTER_CUE.match(lowered):
        if lowered.endswith("nya") and lowered != "tanya":
            return lowered, word_start, word_end, word_end - 3, word_end, True
        speaker_start, speaker_end = speaker_phrase_after(text, word_end)
        return lowered, word_start, word_end, speaker_start, speaker_end, False
    # "…," tabloid Rusia Moskovsky Komsomolets mengingatkan: a subject, then a verb cue
    if "," not in text[close_end - 2 : word_start]:
        return None
    limit = min(len(text), close_end + LOOK_AFTER)
    stop = re.search(r"[,;:!?\n\"“”]|\.(?:\s|$)", text[word_start:limit])
    clause_end = word_start + stop.start() if stop else limit
    for verb in re.finditer(r"[^\W\d_]+", text[word_start:clause_end]):
        if cues.VERB_CUE.match(verb.group().lower()):
            verb_start = word_start + verb.start()
            speaker_start, speaker_end = speaker_phrase_before(text, verb_start, floor=word_start)
            if speaker_start < speaker_end:
                return (verb.group().lower(), verb_start, word_start + verb.end(),
                        speaker_start, speaker_end, False)  # fmt: skip
            return None
    return None


def _attribution_before(text: str, open_at: int) -> tuple[str, int, int, int, int, bool] | None:
    """The attribution that introduces a quote: ``Putin mengatakan, "``, ``kata Lavrov, "``,
    ``Menurut Shoigu, "``, ``ujarnya: "`` (the cue last before the mark in its sentence)."""
    floor = max(0, open_at - LOOK_BEFORE)
    window = text[floor:open_at]
    starts = [m.end() for m in SENTENCE_START.finditer(window)]
    sentence_from = floor + (starts[-1] if starts else 0)
    found = None
    for match in re.finditer(r"[^\W\d_]+", text[sentence_from:open_at]):
        word = match.group().lower()
        if cues.VERB_CUE.match(word) or cues.AFTER_CUE.match(word) or word in {"menurut", "menurutnya"}:
            found = (word, sentence_from + match.start(), sentence_from + match.end())
    if found is None:
        return None
    word, cue_start, cue_end = found
    between = text[cue_end:open_at]
    if re.search(r"[\"“”]", between):
        return None
    if cues.VERB_CUE.match(word):
        if not re.fullmatch(r"\s*(?:bahwa)?\s*[,:]?\s*", between) and not re.fullmatch(
            r"\s+(?:kepada|pada)\s+[^,.:\"“”]{1,60}?(?:bahwa)?\s*[,:]?\s*", between
        ):
            return None
        speaker_start, speaker_end = speaker_phrase_before(text, cue_start, floor=sentence_from)
        if speaker_start == speaker_end:
            return None
        return word, cue_start, cue_end, speaker_start, speaker_end, False
    if word.endswith("nya") and word != "tanya":
        if re.fullmatch(r"\s*[,:]?\s*", between):
            return word, cue_start, cue_end, cue_end - 3, cue_end, True
        return None
    speaker_start, speaker_end = speaker_phrase_after(text, cue_end)
    if speaker_start == speaker_end or not re.fullmatch(r"\s*[,:]?\s*", text[speaker_end:open_at]):
        return None
    return word, cue_start, cue_end, speaker_start, speaker_end, False


def _is_title_like(quoted: str) -> bool:
    """Most words capitalised and no closing punctuation: a title or a name (``"Bumi Manusia"``)."""
    words = quoted.split()
    capitals = sum(word[:1].isupper() for word in words)
    return capitals >= 0.75 * len(words) and quoted[-1:] not in ".,!?…"


def direct_quotes(text: str) -> list[Candidate]:
    """The direct quotations of ``text`` in order (see the module docstring)."""
    found: list[Candidate] = []
    for span in marked_spans(text):
        quoted = text[span.start : span.end]
        if not any(char.isalpha() for char in quoted):
            continue  # an empty quote, or only punctuation
        n_words = len(quoted.split())
        attribution = _attribution_after(text, span.close_end) if span.closed else None
        if attribution is None:
            attribution = _attribution_before(text, span.open_at)
            if attribution is not None and n_words < MIN_WORDS and not re.search(
                r"[,:]\s*$", text[attribution[4] if attribution[5] else attribution[2] : span.open_at]
            ) and not re.search(r"[,:]\s*$", text[attribution[4]:span.open_at]):
                attribution = None  # Ia menyebut "hegemoni": a term, not a quotation
        if attribution is None:
            if n_words < MIN_WORDS or _is_title_like(quoted):
                continue
            attribution = (None, span.open_at, span.open_at, span.open_at, span.open_at, False)
        cue, cue_start, cue_end, speaker_start, speaker_end, pronoun_cue = attribution
        paragraph_start = text.rfind("\n", 0, span.open_at) + 1
        starts_paragraph = not text[paragraph_start : span.open_at].strip()
        found.append(Candidate("direct", span.start, span.end, quoted, cue, cue_start, cue_end,
                               speaker_start, speaker_end, pronoun_cue, starts_paragraph))  # fmt: skip
    return found
