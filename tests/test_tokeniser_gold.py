"""Token and sentence-boundary quality against Universal Dependencies Indonesian gold.

Uses the scoring code of ``scripts/evaluate_tokeniser.py`` (:mod:`utils.evaluation.tokens_and_sentences`); skips when
``../shared`` is absent. Targets (issue 3): token F1 >= 0.99 on both treebanks and better than the
nltk Toktok and spaCy ``blank("id")`` baselines; sentence-boundary F1 >= 0.97. UD-GSD's sentence
units often hold several sentences (Wikipedia segments such as "... berada di Aula. Acara dimulai
..."), which caps any splitter that ends a sentence at ". Capital" below 0.97: on GSD we assert
>= 0.95 (measured 0.9540 after the error review) and better than spaCy's sentencizer; on CSUI the
0.97 target. A supplementary GSD figure that ignores our splits inside gold units holding 2+
orthographic sentences (utils.evaluation.tokens_and_sentences.is_multi_sentence_unit) must reach the 0.97 target too.
The ceiling (utils.evaluation.tokens_and_sentences.sentence_ceiling: every gold boundary plus the sentence ends an
independent rule counts inside gold units) is itself below 0.97 on GSD (0.9666), so the target
cannot be met there by any splitter of orthographic sentences.
"""

from __future__ import annotations

import pytest

from utils.evaluation import (
    baseline_tools,
    read_conllu,
    sentence_ceiling,
    sentence_errors,
    sentence_scores,
    token_scores,
)

pytestmark = [pytest.mark.shared, pytest.mark.slow]

TREEBANKS = {
    "gsd": ["ud_indonesian_gsd/id_gsd-ud-dev.conllu", "ud_indonesian_gsd/id_gsd-ud-test.conllu"],
    "csui": [
        "ud_indonesian_csui/id_csui-ud-train.conllu",
        "ud_indonesian_csui/id_csui-ud-test.conllu",
    ],
}
SENTENCE_TARGET = {"gsd": 0.95, "csui": 0.97}


@pytest.fixture(scope="module")
def tools():
    pytest.importorskip("spacy")
    return baseline_tools()


@pytest.fixture(scope="module", params=sorted(TREEBANKS))
def treebank(request, gold_dir):
    sentences = [s for f in TREEBANKS[request.param] for s in read_conllu(gold_dir / f)]
    assert len(sentences) > 1000
    return request.param, sentences


def test_gold_spans_are_rebuilt_from_text(treebank):
    _, sentences = treebank
    assert sum(len(s.tokens) for s in sentences) > 20_000
    for sentence in sentences:
        for (start, end), form in zip(sentence.tokens, sentence.forms, strict=True):
            assert sentence.text[start:end] == form


def test_token_f1_meets_target_and_beats_baselines(treebank, tools):
    name, sentences = treebank
    token_tools, _ = tools
    scores = {tool: token_scores(sentences, spans)["f1"] for tool, spans in token_tools.items()}
    ours = scores.pop("ours (utils.text.tokeniser)")
    assert ours >= 0.99, (name, ours)
    assert all(ours > other for other in scores.values()), (name, ours, scores)


def test_sentence_f1_meets_target_and_beats_spacy(treebank, tools):
    name, sentences = treebank
    _, sentence_tools = tools
    ours = sentence_scores(sentences, sentence_tools["ours (utils.text.tokeniser)"])["f1"]
    spacy_f1 = sentence_scores(sentences, sentence_tools['spaCy blank("id")'])["f1"]
    assert ours >= SENTENCE_TARGET[name], (name, ours)
    assert ours > spacy_f1, (name, ours, spacy_f1)


def test_sentence_errors_are_mostly_gold_multi_sentence_units(treebank, tools):
    name, sentences = treebank
    _, sentence_tools = tools
    ours = sentence_tools["ours (utils.text.tokeniser)"]
    errors = sentence_errors(sentences, ours)
    elsewhere = [c for o, c in errors["false_splits"] if not errors["in_multi"][o]]
    assert len(elsewhere) <= 15, (name, elsewhere)
    supplementary = sentence_scores(sentences, ours, exclude_multi_sentence_units=True)
    assert supplementary["f1"] >= 0.97, (name, supplementary)


def test_sentence_ceiling_explains_the_gsd_gap(treebank, tools):
    name, sentences = treebank
    _, sentence_tools = tools
    ceiling = sentence_ceiling(sentences)
    assert ceiling["gold"] == len(sentences) - 1 and ceiling["recall"] == 1.0
    ours = sentence_scores(sentences, sentence_tools["ours (utils.text.tokeniser)"])["f1"]
    if name == "gsd":
        assert ceiling["internal"] >= 70 and ceiling["f1"] < 0.97, ceiling
        assert ours < ceiling["f1"]
    else:
        assert ceiling["f1"] >= 0.97, ceiling
