"""``make run`` past the small-corpus paths, on a SYNTHETIC corpus (no ``../shared`` needed).

240 generated Indonesian articles (about 700,000 characters) are more than the per-article pass
runs in one process (``utils.engine.SERIAL_MAX_ARTICLES`` / ``SERIAL_MAX_CHARS``), so every
cached stage (sentences, tokens, mentions, the per-article term counts of notebook 03) runs in
worker chunks and is put together from several Arrow chunks, with article ids dictionary-coded.
The token-table limit is lowered to 100 articles (``BERITA_TOKEN_TABLE_MAX_ARTICLES``), so
notebook 02 takes its large-corpus path (no ``tokens.parquet``). The frequency tables are then
checked against the reference path: the whole token table, actor names merged, counted by
``count_articles``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pandas as pd
import pytest

from utils import actors, engine, provenance, runner, text
from utils import frequencies as fq
from utils.engine import EngineOptions

N_ARTICLES = 240
TOKEN_TABLE_LIMIT = 100

WORDS = (
    "pemerintah menilai kerja sama militer antara kedua negara semakin erat dan mengkhawatirkan "
    "sekutu-sekutunya di kawasan karena pasokan amunisi senjata serta teknologi rudal yang "
    "dikirim lewat jalur darat menurut pejabat intelijen pada pekan lalu negara-negara Barat "
    "menolak rencana itu sementara para diplomat berharap perundingan damai segera dimulai"
).split()
NAMES = ["Korea Utara", "Rusia", "Vladimir Putin", "Kim Jong-un", "AS", "DK PBB", "Moskow", "Korut"]
OUTLETS = ["Tempo", "Republika", "ANTARA", "Kompas"]


def synthetic_article(number: int, rng: random.Random) -> dict:
    """One article of about 3,000 characters: paragraphs of sentences mixing words, actor
    names, numbers (``2,5``) and punctuation."""
    paragraphs = []
    while sum(map(len, paragraphs)) < 3000:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
            words.insert(rng.randrange(len(words)), rng.choice(NAMES))
            if rng.random() < 0.3:
                words.insert(
                    rng.randrange(len(words)), f"{rng.randint(1, 9)},{rng.randint(1, 9)} juta"
                )
            if rng.random() < 0.4:
                words[rng.randrange(1, len(words))] += ","
            sentence = " ".join(words)
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        paragraphs.append(" ".join(sentences))
    return {
        "id": f"syn-{number:04d}",
        "outlet": OUTLETS[number % len(OUTLETS)],
        "date": f"2023-{1 + number % 12:02d}-{1 + number % 27:02d}",
        "title": f"Berita {number}",
        "text": "\n\n".join(paragraphs),
    }


@pytest.fixture(scope="module")
def synthetic_run(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("synthetic")
    rng = random.Random(12)
    corpus = folder / "synthetic.jsonl"
    rows = [synthetic_article(number, rng) for number in range(N_ARTICLES)]
    corpus.write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
    )
    n_chars = sum(len(row["text"]) for row in rows)
    assert N_ARTICLES > engine.SERIAL_MAX_ARTICLES and n_chars > engine.SERIAL_MAX_CHARS
    patch = pytest.MonkeyPatch()
    patch.setenv("BERITA_CACHE_DIR", str(folder / "cache"))  # the kernels inherit it
    patch.setenv("BERITA_TOKEN_TABLE_MAX_ARTICLES", str(TOKEN_TABLE_LIMIT))
    try:
        processed, figures = folder / "processed", folder / "figures"
        runner.run_notebooks(corpus=corpus, sidecar=None, processed_dir=processed,
                             figures_dir=figures, build_dir=folder / "build", progress=False,
                             echo=lambda message: None)  # fmt: skip
        first = {p.name: p.read_bytes() for p in processed.iterdir() if p.suffix == ".parquet"}
        # again, everything cached: the same tables, byte for byte
        runner.run_notebooks(corpus=corpus, sidecar=None, processed_dir=processed, only=["03"],
                             figures_dir=figures, build_dir=folder / "build", progress=False,
                             echo=lambda message: None)  # fmt: skip
        second = {p.name: p.read_bytes() for p in processed.iterdir() if p.suffix == ".parquet"}
    finally:
        patch.undo()
    return {"processed": processed, "figures": figures, "first": first, "second": second}


@pytest.mark.slow
def test_large_corpus_path_skips_the_token_table_but_keeps_every_sentence(synthetic_run):
    processed = synthetic_run["processed"]
    assert not (processed / "tokens.parquet").exists()
    sentences = provenance.read_table(processed / "sentences.parquet")
    assert sentences["article_id"].nunique() == N_ARTICLES
    articles = provenance.read_table(processed / "articles.parquet")
    mentions = provenance.read_table(processed / "mentions.parquet")
    assert set(mentions["article_id"].astype(str)) == set(articles["article_id"].astype(str))
    assert (synthetic_run["figures"] / "03-top-terms.png").exists()


@pytest.mark.slow
def test_frequencies_from_the_chunked_pass_equal_the_token_table_path(synthetic_run):
    processed = synthetic_run["processed"]
    articles = provenance.read_table(processed / "articles.parquet")
    actor_list = actors.load_actors()
    protected = text.protected_words(actor_list.loc[actor_list["kind"] != "ignore", "alias"])
    tokens = text.token_table(
        articles,
        protected=protected,
        options=EngineOptions(cache=False, progress=False),
    )
    mentions = actors.find_mentions(
        articles,
        actor_list,
        options=EngineOptions(cache=False, progress=False),
    )
    merged = fq.merge_actor_mentions(tokens, mentions, names=fq.actor_names(actor_list))
    counts = fq.count_articles(merged, options=EngineOptions(cache=False, progress=False))
    expected = {
        "term_counts.parquet": fq.term_frequencies(counts),
        "term_counts_by_outlet.parquet": fq.term_frequencies(
            counts, by="outlet", articles=articles
        ),
        "document_frequency.parquet": fq.document_frequency(counts),
        "bigrams.parquet": fq.ngrams(counts, n=2),
        "collocations.parquet": fq.collocations(counts, min_count=3),
    }
    for name, table in expected.items():
        written = pd.read_parquet(processed / name)
        pd.testing.assert_frame_equal(written, table.reset_index(drop=True), check_dtype=False)
    assert "Korea Utara" in set(pd.read_parquet(processed / "term_counts.parquet")["term"])


@pytest.mark.slow
def test_cached_rerun_writes_the_same_tables(synthetic_run):
    changed = [
        name
        for name, data in synthetic_run["second"].items()
        if synthetic_run["first"].get(name) != data
    ]
    assert changed == []
    assert len(synthetic_run["first"]) >= 10


def test_synthetic_articles_hold_actor_names_and_decimal_commas():
    article = synthetic_article(3, random.Random(1))
    assert len(article["text"]) >= 3000
    assert any(name in article["text"] for name in NAMES)
    assert Path(article["id"]).name == "syn-0003"
