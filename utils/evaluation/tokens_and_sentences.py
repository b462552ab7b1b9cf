"""Score tokenisers and sentence splitters against Universal Dependencies gold files.

Gold tokens are *surface* tokens: a multiword-token range such as ``1-2 bukunya`` counts as ONE
token (``bukunya``), because that is what a reader sees and what our tokeniser keeps by default.
Their character spans are rebuilt from each sentence's ``# text`` line, the token forms and
``SpaceAfter=No``. Token F1 compares predicted and gold ``(start, end)`` spans exactly.

Sentence boundaries: each file is one stream; the sentences are joined with one space (the UD
Indonesian files carry no ``# newdoc``/``# newpar`` markers), and the predicted sentence ends are
compared with the gold ones (the end of the last sentence is not counted: every splitter gets it).

Many UD-GSD units hold several orthographic sentences ("... berada di Aula. Acara dimulai ..."),
so a splitter that (rightly, for news) ends a sentence there is charged a false boundary.
:func:`is_multi_sentence_unit` flags such units with a conservative rule that does not use our
splitter, and ``sentence_scores(..., exclude_multi_sentence_units=True)`` gives a SUPPLEMENTARY
figure that ignores predicted boundaries inside flagged units; the main figure counts everything.
:func:`sentence_ceiling` gives the best sentence F1 any splitter of orthographic sentences can
reach on such gold: every gold boundary found, plus a (charged) split at each internal sentence
end that the same rule counts inside the flagged units.

>>> sentences = parse_conllu_text(EXAMPLE_CONLLU)
>>> sentences[0].text, sentences[0].tokens
('Bukunya di Jl. Merdeka.', [(0, 7), (8, 10), (11, 14), (15, 22), (22, 23)])
>>> score_spans([(0, 7), (8, 10)], [(0, 7), (8, 9)])
{'precision': 0.5, 'recall': 0.5, 'f1': 0.5}
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from utils.text.sentences import load_abbreviations, sentence_spans
from utils.text.tokeniser import tokenise_with_offsets

# An internal sentence end in a gold unit: a word of 3+ letters (not a listed abbreviation such
# as "Inc." or "Prof."), a number, "%" or a closing quote or bracket, then . ! ? or an ellipsis,
# optional closing quotes or brackets, a space, an optional opening quote and a capitalised word
# ("Aula. Acara", "XII. Berbagai", "0,1 %. Bahasa", "Taman Kanak-Kanak (TK). Jumlah"). Two-letter
# words ("RS. Santo", "AU. Bandar") and initials are NOT flagged, so the rule errs towards keeping
# a unit in the supplementary figure.
_INTERNAL_SENTENCE_END = re.compile(
    r"(?:(?<=[^\W\d_]{3})|(?<=\d)|(?<=%)|(?<=[\"”’')\]]))"
    r"(?P<mark>[.!?…]+)[\"”’')\]]*\s+[\"“‘(]?[A-Z][a-z]"
)
_WORD_BEFORE = re.compile(r"(\w+)$")

EXAMPLE_CONLLU = """# sent_id = 1
# text = Bukunya di Jl. Merdeka.
1-2\tBukunya\t_\t_\t_\t_\t_\t_\t_\t_
1\tBuku\tbuku\tNOUN\t_\t_\t0\troot\t_\t_
2\tnya\tnya\tPRON\t_\t_\t1\tnmod\t_\t_
3\tdi\tdi\tADP\t_\t_\t5\tcase\t_\t_
4\tJl.\tjl.\tNOUN\t_\t_\t5\tcompound\t_\t_
5\tMerdeka\tmerdeka\tPROPN\t_\t_\t1\tnmod\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_
"""


@dataclass
class GoldSentence:
    """One gold sentence: its text and the character spans of its surface tokens."""

    text: str
    tokens: list[tuple[int, int]] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)


def parse_conllu_text(conllu: str) -> list[GoldSentence]:
    """Parse CoNLL-U text into sentences with surface-token spans (multiword ranges count once).

    Token forms are located in ``# text`` left to right; a form that cannot be found (rare
    annotation differences) is skipped rather than aborting the file.
    """
    sentences: list[GoldSentence] = []
    text: str | None = None
    forms: list[str] = []
    skip_until = 0
    for line in conllu.splitlines() + [""]:
        if not line.strip():
            if text is not None:
                sentences.append(_locate(text, forms))
            text, forms, skip_until = None, [], 0
            continue
        if line.startswith("# text = "):
            text = line[len("# text = ") :]
            continue
        if line.startswith("#"):
            continue
        columns = line.split("\t")
        token_id, form = columns[0], columns[1]
        if "." in token_id:  # empty node
            continue
        if "-" in token_id:
            first, last = token_id.split("-")
            forms.append(form)
            skip_until = int(last)
            continue
        if int(token_id) <= skip_until:
            continue
        forms.append(form)
    return sentences


def _locate(text: str, forms: list[str]) -> GoldSentence:
    sentence = GoldSentence(text=text)
    position = 0
    for form in forms:
        found = text.find(form, position)
        if found < 0:
            continue
        sentence.tokens.append((found, found + len(form)))
        sentence.forms.append(form)
        position = found + len(form)
    return sentence


def read_conllu(path: str | Path) -> list[GoldSentence]:
    """Read a CoNLL-U file (UTF-8) into :class:`GoldSentence` objects."""
    return parse_conllu_text(Path(path).read_text(encoding="utf-8"))


def score_spans(
    predicted: Iterable[tuple[int, int]], gold: Iterable[tuple[int, int]]
) -> dict[str, float]:
    """Precision, recall and F1 of exact span matches."""
    predicted, gold = set(predicted), set(gold)
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def token_scores(
    sentences: list[GoldSentence], tokenise_spans: Callable[[str], list[tuple[int, int]]]
) -> dict[str, float]:
    """Micro-averaged token precision/recall/F1 over all sentences.

    ``tokenise_spans(text)`` returns ``(start, end)`` spans of the predicted tokens.
    """
    predicted, gold = [], []
    for number, sentence in enumerate(sentences):
        predicted += [(number, s, e) for s, e in tokenise_spans(sentence.text)]
        gold += [(number, s, e) for s, e in sentence.tokens]
    return score_spans(predicted, gold)


def sentence_stream(sentences: list[GoldSentence]) -> tuple[str, list[int]]:
    """Join gold sentences with one space; return the text and the gold sentence end offsets."""
    parts, ends, position = [], [], 0
    for sentence in sentences:
        parts.append(sentence.text)
        position += len(sentence.text)
        ends.append(position)
        position += 1
    return " ".join(parts), ends[:-1]


def sentence_scores(
    sentences: list[GoldSentence],
    split_spans: Callable[[str], list[tuple[int, int]]],
    *,
    exclude_multi_sentence_units: bool = False,
) -> dict[str, float]:
    """Sentence-boundary precision/recall/F1: predicted sentence ends against gold ends.

    With ``exclude_multi_sentence_units=True`` (a supplementary figure only), predicted ends that
    fall inside a gold unit flagged by :func:`is_multi_sentence_unit` are ignored.
    """
    errors = sentence_errors(sentences, split_spans)
    predicted = errors["predicted"]
    if exclude_multi_sentence_units:
        inside = {end for end, _ in errors["false_splits"] if errors["in_multi"][end]}
        predicted = [end for end in predicted if end not in inside]
    return score_spans(((e, e) for e in predicted), ((e, e) for e in errors["gold"]))


def sentence_errors(
    sentences: list[GoldSentence], split_spans: Callable[[str], list[tuple[int, int]]]
) -> dict:
    """Predicted and gold sentence ends over the joined stream, with the errors in context.

    Returns a dict: ``stream`` (the joined text), ``gold`` and ``predicted`` (end offsets),
    ``false_splits`` and ``missed`` (lists of ``(offset, context)``, context ``"left || right"``)
    and ``in_multi`` (offset of each false split -> whether its gold unit is flagged by
    :func:`is_multi_sentence_unit`).

    >>> units = [GoldSentence("Dia tiba di Aula. Acara dimulai."), GoldSentence("Dr. Kim tiba.")]
    >>> errors = sentence_errors(units, lambda t: [(0, 17), (18, 32), (33, 46)])
    >>> errors["false_splits"], errors["missed"], errors["in_multi"]
    ([(17, 'Dia tiba di Aula. || Acara dimulai. Dr.')], [], {17: True})
    """
    stream, gold_ends = sentence_stream(sentences)
    predicted = [end for _, end in split_spans(stream)][:-1]
    gold_set, predicted_set = set(gold_ends), set(predicted)
    unit_ends = [*gold_ends, len(stream)]
    flagged = [is_multi_sentence_unit(s.text) for s in sentences]

    def context(offset: int) -> str:
        return f"{stream[max(0, offset - 50) : offset]} || {stream[offset : offset + 20].strip()}"

    in_multi = {}
    for end in sorted(predicted_set - gold_set):
        unit = bisect.bisect_left(unit_ends, end)
        in_multi[end] = unit < len(flagged) and flagged[unit]
    return {
        "stream": stream,
        "gold": gold_ends,
        "predicted": predicted,
        "false_splits": [(end, context(end)) for end in sorted(predicted_set - gold_set)],
        "missed": [(end, context(end)) for end in sorted(gold_set - predicted_set)],
        "in_multi": in_multi,
    }


def align(tokens: list[str], source: str) -> list[tuple[int, int]]:
    """Character spans of ``tokens`` found left to right in ``source`` (for span-less tokenisers).

    Tokens the tool rewrote (Toktok turns some quotes into other characters) are skipped.

    >>> align(["Kim", "Jong-un", "."], "Kim Jong-un.")
    [(0, 3), (4, 11), (11, 12)]
    """
    spans, position = [], 0
    for token in tokens:
        found = source.find(token, position)
        if found < 0:
            continue
        spans.append((found, found + len(token)))
        position = found + len(token)
    return spans


def ours_token_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of :func:`utils.text.tokeniser.tokenise_with_offsets` (default options)."""
    return [(start, end) for _, start, end in tokenise_with_offsets(sentence)]


def baseline_tools() -> tuple[dict[str, Callable], dict[str, Callable | None]]:
    """``(token_tools, sentence_tools)``: tool name -> function returning spans, for ours, nltk
    ``ToktokTokenizer`` (tokens only) and spaCy ``blank("id")`` (+ ``sentencizer``)."""
    import spacy
    from nltk.tokenize import ToktokTokenizer

    toktok = ToktokTokenizer()
    spacy_tokeniser = spacy.blank("id")
    spacy_sentencizer = spacy.blank("id")
    spacy_sentencizer.add_pipe("sentencizer")
    spacy_sentencizer.max_length = 10_000_000

    def toktok_spans(sentence: str) -> list[tuple[int, int]]:
        return align(toktok.tokenize(sentence), sentence)

    def spacy_spans(sentence: str) -> list[tuple[int, int]]:
        return [(t.idx, t.idx + len(t.text)) for t in spacy_tokeniser(sentence)]

    def spacy_sentences(stream: str) -> list[tuple[int, int]]:
        return [(s.start_char, s.end_char) for s in spacy_sentencizer(stream).sents]

    token_tools = {
        "ours (utils.text.tokeniser)": ours_token_spans,
        "nltk ToktokTokenizer": toktok_spans,
        'spaCy blank("id")': spacy_spans,
    }
    sentence_tools = {
        "ours (utils.text.tokeniser)": sentence_spans,
        "nltk ToktokTokenizer": None,
        'spaCy blank("id")': spacy_sentences,
    }
    return token_tools, sentence_tools


def internal_sentence_ends(text: str) -> int:
    """How many orthographic sentence ends lie inside a gold unit, by the rule above (not by
    our splitter): a period after a listed abbreviation does not count.

    >>> internal_sentence_ends("Dia tiba di Aula. Acara dimulai. Semua senang.")
    2
    >>> internal_sentence_ends("Kantor GeoEye Inc. Seperti biasa."), internal_sentence_ends("Dr. Kim tiba.")
    (0, 0)
    """

    abbreviations, _ = load_abbreviations()
    count = 0
    for match in _INTERNAL_SENTENCE_END.finditer(text):
        word = _WORD_BEFORE.search(text, 0, match.start())
        if match.group("mark") == "." and word and word.group(1) + "." in abbreviations:
            continue
        count += 1
    return count


def is_multi_sentence_unit(text: str) -> bool:
    """Whether a gold unit holds more than one orthographic sentence (see the rule above).

    >>> is_multi_sentence_unit("Dia tiba di Aula. Acara dimulai."), is_multi_sentence_unit("Dr. Kim tiba.")
    (True, False)
    >>> is_multi_sentence_unit("Kantor GeoEye Inc. Seperti biasa."), is_multi_sentence_unit("ke RS. Santo Yusup.")
    (False, False)
    """
    return internal_sentence_ends(text) > 0


def sentence_ceiling(sentences: list[GoldSentence]) -> dict[str, float]:
    """The sentence-boundary scores of an ideal splitter of orthographic sentences.

    It finds every gold boundary and also splits at each internal sentence end counted by
    :func:`internal_sentence_ends` (a conservative rule, so the true ceiling is at most this):
    those splits are correct sentence ends but count as false boundaries against the gold.
    Returns precision, recall, F1, and ``gold`` / ``internal`` (how many boundaries of each).

    >>> sentence_ceiling([GoldSentence("Dia tiba di Aula. Acara dimulai."), GoldSentence("Ya."),
    ...                   GoldSentence("Dr. Kim tiba.")])
    {'precision': 0.6666666666666666, 'recall': 1.0, 'f1': 0.8, 'gold': 2, 'internal': 1}
    """
    gold = max(len(sentences) - 1, 0)  # as in sentence_errors: the last end is not counted
    internal = sum(internal_sentence_ends(s.text) for s in sentences)
    precision = gold / (gold + internal) if gold + internal else 0.0
    recall = 1.0 if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold": gold, "internal": internal}


def multi_sentence_units(sentences: list[GoldSentence]) -> int:
    """How many gold units hold more than one orthographic sentence (:func:`is_multi_sentence_unit`).

    >>> multi_sentence_units([GoldSentence("Dia tiba di Aula. Acara dimulai."), GoldSentence("Dr. Kim tiba.")])
    1
    """
    return sum(1 for s in sentences if is_multi_sentence_unit(s.text))
