"""Score tokenisers and sentence splitters against Universal Dependencies gold files.

Gold tokens are *surface* tokens: a multiword-token range such as ``1-2 bukunya`` counts as ONE
token (``bukunya``), because that is what a reader sees and what our tokeniser keeps by default.
Their character spans are rebuilt from each sentence's ``# text`` line, the token forms and
``SpaceAfter=No``. Token F1 compares predicted and gold ``(start, end)`` spans exactly.

Sentence boundaries: each file is one stream; the sentences are joined with one space (the UD
Indonesian files carry no ``# newdoc``/``# newpar`` markers), and the predicted sentence ends are
compared with the gold ones (the end of the last sentence is not counted: every splitter gets it).

>>> sentences = parse_conllu_text(EXAMPLE_CONLLU)
>>> sentences[0].text, sentences[0].tokens
('Bukunya di Jl. Merdeka.', [(0, 7), (8, 10), (11, 14), (15, 22), (22, 23)])
>>> score_spans([(0, 7), (8, 10)], [(0, 7), (8, 9)])
{'precision': 0.5, 'recall': 0.5, 'f1': 0.5}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

_INTERNAL_SENTENCE_END = re.compile(r"(?<=[a-z]{3})[.!?][\"”’')]*\s+[\"“‘(]?[A-Z][a-z]")

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
    sentences: list[GoldSentence], split_spans: Callable[[str], list[tuple[int, int]]]
) -> dict[str, float]:
    """Sentence-boundary precision/recall/F1: predicted sentence ends against gold ends."""
    text, gold_ends = sentence_stream(sentences)
    predicted_ends = [end for _, end in split_spans(text)][:-1]
    return score_spans(((e, e) for e in predicted_ends), ((e, e) for e in gold_ends))


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
    """Spans of :func:`utils.text.tokenise_with_offsets` (default options)."""
    from utils import text

    return [(start, end) for _, start, end in text.tokenise_with_offsets(sentence)]


def baseline_tools() -> tuple[dict[str, Callable], dict[str, Callable | None]]:
    """``(token_tools, sentence_tools)``: tool name -> function returning spans, for ours, nltk
    ``ToktokTokenizer`` (tokens only) and spaCy ``blank("id")`` (+ ``sentencizer``)."""
    import spacy
    from nltk.tokenize import ToktokTokenizer

    from utils import text

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
        "ours (utils.text)": ours_token_spans,
        "nltk ToktokTokenizer": toktok_spans,
        'spaCy blank("id")': spacy_spans,
    }
    sentence_tools = {
        "ours (utils.text)": text.sentence_spans,
        "nltk ToktokTokenizer": None,
        'spaCy blank("id")': spacy_sentences,
    }
    return token_tools, sentence_tools


def multi_sentence_units(sentences: list[GoldSentence]) -> int:
    """How many gold units contain an internal sentence end (a lowercase word, ``.``/``!``/``?``,
    then a capitalised word), i.e. hold more than one orthographic sentence.

    >>> multi_sentence_units([GoldSentence("Dia tiba di Aula. Acara dimulai."), GoldSentence("Dr. Kim tiba.")])
    1
    """
    return sum(1 for s in sentences if _INTERNAL_SENTENCE_END.search(s.text))
