"""Property-based tests (hypothesis): arbitrary text never breaks the pipeline (issue 16).

Inputs mix arbitrary Unicode (no lone surrogates: they cannot be written to a UTF-8 file),
whitespace of every kind, control characters, quotation marks, Indonesian news fragments and
very long tokens. The properties:

* loading, cleaning, sentence and paragraph splitting, tokenising, mention finding and
  co-mention counting never raise;
* every offset indexes back into the text it was computed on (``text[start:end]`` is the token,
  the mention's surface; spans lie inside the text, in order, without overlap);
* the tokens partition the text's visible characters: in order and without overlap they cover
  every character that is not whitespace (``str.isspace``) or one of the invisible format
  characters the tokeniser skips on purpose (:data:`SKIPPED_INVISIBLE`: soft hyphen,
  zero-width space/joiners, direction marks, word joiner, BOM);
* every input file gets exactly one file-level row in the load report.

The runs are deterministic (``derandomize=True``) and bounded (``max_examples``) so the whole
file takes well under a minute in CI.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from utils import comentions, corpus, text
from utils.actors import Gazetteer, find_mentions, load_actors
from utils.corpus import cleaning
from utils.engine import EngineOptions
from utils.text import sentences

#: Characters the tokeniser skips although they are not whitespace (see ``utils.text.tokeniser._PUNCT``).
SKIPPED_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")

FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_CHARACTERS = st.characters(exclude_categories=("Cs",))
_PIECES = st.one_of(
    st.text(_CHARACTERS, max_size=12),
    st.sampled_from([" ", "\n", "\n\n", "\t", "\r\n", "\r", "\u00a0", "\u2028", "\x0b", "\x0c",
                     "\x85", "\u3000", "\u200b", "\ufeff", "\u00ad"]),
    st.sampled_from(list("\"'“”‘’«»„`´")),
    st.characters(max_codepoint=31),
    st.sampled_from([
        "Kim Jong Un", "Kim Jong-un", "Putin", "Vladimir Putin", "Korut", "AS", "DK PBB", "Rusia",
        "Jakarta (ANTARA) -", "REPUBLIKA.CO.ID,", "TEMPO.CO, Jakarta -", "2019.Bulan", "Dr.",
        "negara-negara", "sekutunya", "(20/8)", "2,5 juta", "Rabu, 13 September 2023", ".", "...",
        "Prabowo Subianto", "https://example.com/2023/09/13/a", "Pilihan Editor:",
    ]),
    st.integers(min_value=200, max_value=3000).map(lambda n: "x" * n),
    st.integers(min_value=50, max_value=500).map(lambda n: "Kim-" * n),
)  # fmt: skip
TEXTS = st.lists(_PIECES, max_size=30).map("".join)

GAZETTEER = Gazetteer.from_actors(load_actors())


def _check_spans(spans: list[tuple[int, int]], length: int) -> None:
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start <= end <= length, (spans, length)
        previous_end = end


@FUZZ
@given(TEXTS)
def test_sentence_and_paragraph_spans_index_the_text(value):
    for split in (sentences.sentence_spans, sentences.paragraph_spans):
        _check_spans(split(value), len(value))


@FUZZ
@given(TEXTS, st.booleans())
def test_tokens_partition_the_visible_text(value, split_clitics):
    tokens = text.tokenise_with_offsets(value, split_clitics=split_clitics)
    position = 0
    for token, start, end in tokens:
        assert token and value[start:end] == token
        gap = value[position:start]
        assert all(ch.isspace() or ch in SKIPPED_INVISIBLE for ch in gap), (gap, token)
        position = end
    assert all(ch.isspace() or ch in SKIPPED_INVISIBLE for ch in value[position:])
    assert text.tokenise(value, split_clitics=split_clitics) == [t for t, _, _ in tokens]


@FUZZ
@given(TEXTS)
def test_cleaning_never_raises_and_its_text_tokenises(value):
    parts = cleaning.clean_article(value)
    assert isinstance(parts.text, str)
    assert cleaning.count_words(parts.text) >= 0
    _check_spans(sentences.sentence_spans(parts.text), len(parts.text))


@settings(FUZZ, max_examples=20)
@given(st.lists(TEXTS, min_size=1, max_size=3))
def test_mentions_index_the_text_and_co_mentions_count(values):
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(values))], "text": values})
    mentions = find_mentions(
        articles, GAZETTEER, options=EngineOptions(cache=False, progress=False, workers=1)
    )
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    for row in mentions.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.surface
    for scope in ("sentence", "paragraph", "article", "window"):
        pairs = comentions.co_mentions(mentions, scope=scope, articles=articles, min_count=1)
        assert (pairs["co_mentions"] >= 1).all()


_FILE_NAMES = st.sampled_from(
    ["a.txt", "b.txt", "c.csv", "d.jsonl", "e.md", "f", "metadata.csv", "g.TXT"]
)
_CONTENTS = st.one_of(
    TEXTS.map(lambda t: t.encode("utf-8")),
    TEXTS.map(lambda t: t.encode("utf-16-le")),
    TEXTS.map(lambda t: t.encode("utf-16")),
    TEXTS.map(lambda t: t.encode("cp1252", errors="replace")),
    st.binary(max_size=300),
    st.lists(st.sampled_from(["id,text,outlet\n", "1,", '"', "Kim Jong Un tiba.", ",", "\n",
                              '{"text": "Putin"}', "{", "file,outlet\n", "a.txt,Kompas\n"]),
             max_size=12).map(lambda parts: "".join(parts).encode()),
)  # fmt: skip


@settings(FUZZ, max_examples=25)
@given(st.dictionaries(_FILE_NAMES, _CONTENTS, min_size=1, max_size=5))
@example({"metadata.csv": b"\xff\xfe", "a.txt": b"0"})  # found by this test: two sidecar rows
def test_every_input_file_gets_exactly_one_report_row(files):
    with tempfile.TemporaryDirectory() as folder:
        for name, content in files.items():
            (Path(folder) / name).write_bytes(content)
        articles, report = corpus.load_corpus(folder, progress=False)
        file_rows = report[report["line"].isna()]
        names = file_rows["file"].map(lambda f: f.rsplit("/", 1)[-1])
        assert sorted(names) == sorted(files), report.to_dict("records")
        assert articles["article_id"].is_unique
        assert set(articles["source_file"].map(lambda f: f.rsplit("/", 1)[-1])) <= set(files)
