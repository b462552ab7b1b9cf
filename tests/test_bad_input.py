"""Bad input and faults (issue 16): each case reproduced, and the behaviour a careful user expects.

Every test builds its corpus folder in ``tmp_path`` the way the issue's probes did, loads it,
and checks the load report names the file and the problem, and that nothing is lost silently.
The notebook run on a corpus with no loadable article is in ``test_zero_articles_run``.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pyarrow as pa
import pytest

from utils import comentions, corpus, figures
from utils.actors import ActorListError, KnownSpans, find_mentions, load_actors
from utils.comentions import pairs
from utils.corpus import readers
from utils.engine import EngineOptions, cache
from utils.figures import frequency_plots

LEAD_A = "Jakarta - Presiden Joko Widodo bertemu Vladimir Putin di Moskow.\n"
LEAD_B = "Jakarta - Kim Jong Un berkunjung ke Rusia pekan ini.\n"


def _folder(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, content in files.items():
        data = content.encode() if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def _messages(report: pd.DataFrame) -> str:
    return "\n".join(report["message"].astype(str))


# ------------------------------------------------------------------ 4. CSV with an unterminated quote
def test_csv_unterminated_quote_is_reported_and_does_not_merge_rows(tmp_path):
    folder = _folder(
        tmp_path,
        {
            "arts.csv": 'id,outlet,text\na1,Kompas,"Presiden Joko Widodo bertemu Vladimir Putin.\n'
            "a2,Tempo,Kim Jong Un berkunjung ke Rusia.\n"
            "a3,Tempo,Prabowo Subianto berbicara di Jakarta.\n"
        },
    )
    articles, report = corpus.load_corpus(folder, sidecar=None, progress=False)
    assert articles["article_id"].tolist() == ["a2", "a3"]
    assert articles["text"].str.contains("\n").sum() == 0, "no row swallowed another"
    problem = report[report["line"] == 2]
    assert problem["status"].tolist() == ["skipped"]
    assert "arts.csv line 2: unterminated quote" in problem["message"].iloc[0]
    summary = report[report["line"].isna()]
    assert summary["status"].tolist() == ["loaded_with_warnings"]
    assert "2 articles loaded" in summary["message"].iloc[0]


def test_csv_stray_quote_costs_one_row(tmp_path):
    folder = _folder(
        tmp_path,
        {"a.csv": 'id,text\n1,"Putin" tiba di Pyongyang\n2,Kim Jong Un menyambut Putin.\n'},
    )
    articles, report = corpus.load_corpus(folder, sidecar=None, progress=False)
    assert articles["article_id"].tolist() == ["2"]
    assert "a.csv line 2: malformed CSV" in _messages(report)


# ------------------------------------------------------------------ 5-7. the sidecar
def test_sidecar_unterminated_quote_is_reported_and_the_next_row_kept(tmp_path):
    folder = _folder(
        tmp_path,
        {
            "a.txt": LEAD_A,
            "b.txt": LEAD_B,
            "metadata.csv": 'file,outlet,date\na.txt,"Kompas,2023-09-13\nb.txt,Tempo,2023-09-14\n',
        },
    )
    articles, report = corpus.load_corpus(folder, progress=False)
    outlets = dict(zip(articles["article_id"], articles["outlet"], strict=True))
    assert outlets["b"] == "Tempo"
    assert "\n" not in str(outlets["a"]) and "2023" not in str(outlets["a"])
    assert "metadata.csv line 2: unterminated quote" in _messages(report)


def test_unknown_sidecar_columns_are_warned_with_the_nearest_known_name(tmp_path):
    folder = _folder(
        tmp_path,
        {
            "a.txt": LEAD_A,
            "metadata.csv": "file,outlett,penulis,date\na.txt,Kompas,Budi,2023-09-13\n",
        },
    )
    _, report = corpus.load_corpus(folder, progress=False)
    messages = _messages(report)
    assert "unknown column 'outlett' ignored (did you mean 'outlet'?)" in messages
    assert "unknown column 'penulis' ignored (did you mean 'byline'?)" in messages
    sidecar_row = report[report["file"].str.endswith("metadata.csv") & report["line"].isna()]
    assert sidecar_row["status"].tolist() == ["loaded_with_warnings"]


def test_sidecar_rows_naming_files_outside_the_corpus_are_reported_unused(tmp_path):
    folder = _folder(
        tmp_path,
        {
            "a.txt": LEAD_A,
            "metadata.csv": "file,outlet\na.txt,Kompas\n../../etc/passwd,Tempo\n/etc/hostname,Tempo\n",
        },
    )
    articles, report = corpus.load_corpus(folder, progress=False)
    assert articles["outlet"].tolist() == ["Kompas"]
    for line, name in ((3, "../../etc/passwd"), (4, "/etc/hostname")):
        row = report[report["line"] == line]
        assert row["status"].tolist() == ["skipped"]
        assert f"names '{name}', which is outside the corpus folder" in row["message"].iloc[0]
        assert "row unused" in row["message"].iloc[0]


def test_sidecar_row_with_a_different_number_of_cells_is_reported(tmp_path):
    folder = _folder(
        tmp_path,
        {"a.txt": LEAD_A, "metadata.csv": "file,outlet,date\na.txt,Kompas\n"},
    )
    articles, report = corpus.load_corpus(folder, progress=False)
    assert articles["outlet"].tolist() == ["Kompas"]
    assert "metadata.csv line 2: expected 3 cells, found 2" in _messages(report)


# ------------------------------------------------------------------ 8. links and special files
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs symbolic links and FIFOs (POSIX)")
def test_links_and_special_files_are_reported_and_followed_only_inside(tmp_path):
    folder = _folder(tmp_path, {"a.txt": LEAD_A})
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(LEAD_B)
    (folder / "sub").mkdir()
    (folder / "sub" / "b.txt").write_text(LEAD_B)
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "c.txt").write_text("Jakarta - Prabowo Subianto tiba di Beijing.\n")
    os.symlink("loop2.txt", folder / "loop1.txt")
    os.symlink("loop1.txt", folder / "loop2.txt")
    os.symlink("nowhere.txt", folder / "dangling.txt")
    os.symlink(outside, folder / "linked_dir")
    os.symlink(outside / "secret.txt", folder / "secret.txt")
    os.symlink("/etc/passwd", folder / "passwd.txt")
    os.symlink("sub/b.txt", folder / "inside_link.txt")
    os.symlink(".hidden/c.txt", folder / "hidden_link.txt")
    os.symlink(".", folder / "self")
    os.mkfifo(folder / "fifo.txt")
    articles, report = corpus.load_corpus(folder, sidecar=None, progress=False)
    assert sorted(articles["source_file"].str.rsplit("/", n=1).str[-1]) == [
        "a.txt", "b.txt", "hidden_link.txt",
    ]  # fmt: skip
    reasons = {
        Path(row.file).name: row.message for row in report.itertuples() if row.status == "skipped"
    }
    assert "link loop" in reasons["loop1.txt"] and "link loop" in reasons["loop2.txt"]
    assert "dangling link to 'nowhere.txt'" in reasons["dangling.txt"]
    assert "outside the corpus folder" in reasons["linked_dir"]
    assert "outside the corpus folder" in reasons["secret.txt"]
    assert "link to '/etc/passwd', outside the corpus folder" in reasons["passwd.txt"]
    assert "read under its own name" in reasons["inside_link.txt"]
    assert "read under its own name" in reasons["self"]
    assert "FIFO" in reasons["fifo.txt"]
    assert report["file"].is_unique, "one report row per input file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_a_fifo_given_as_the_corpus_is_reported_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    files, report = readers.collect_files(tmp_path / "pipe.txt")
    assert files == [] and "FIFO" in report[0]["message"]


# ------------------------------------------------------------------ 9. UTF-16 without a byte-order mark
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text_with_a_warning(tmp_path, codec):
    folder = _folder(tmp_path, {"u.txt": LEAD_A.encode(codec)})
    articles, report = corpus.load_corpus(folder, sidecar=None, progress=False)
    assert articles["text"].str.contains("Vladimir Putin").tolist() == [True]
    assert report["status"].tolist() == ["loaded_with_warnings"]
    assert "u.txt: UTF-16 text without a byte-order mark" in report["message"].iloc[0]


def test_binary_with_nul_bytes_is_still_binary(tmp_path):
    folder = _folder(tmp_path, {"b.txt": bytes(range(256)) * 8})
    _, report = corpus.load_corpus(folder, sidecar=None, progress=False)
    assert report["status"].tolist() == ["skipped"]
    assert "binary file" in report["message"].iloc[0]


# ------------------------------------------------------------------ 10. changed bytes in a cache shard
def _only_shard(store: cache.ShardStore) -> Path:
    (data,) = store.directory.glob("*.data.arrow")
    return data


def test_changed_bytes_in_a_cache_shard_are_detected_and_recomputed(tmp_path):
    store = cache.ShardStore(tmp_path / "entry")
    store.append(pa.table({"actor": ["vladimir_putin", "kim_jong_un"]}), ["h1", "h2"], [1, 1])
    data = _only_shard(store)
    data.write_bytes(data.read_bytes().replace(b"vladimir_putin", b"vladimir_putix"))
    with pytest.warns(
        RuntimeWarning, match=r"cache shard .*shard-.* checksum mismatch in the data"
    ):
        table, found = store.load(["h1", "h2"])
    assert table is None and found == {}
    assert store.n_shards() == 0, "the damaged shard is set aside, so it is recomputed once"
    assert list(store.directory.glob("*.index.damaged"))


def test_changed_cache_keys_in_the_index_are_detected(tmp_path):
    store = cache.ShardStore(tmp_path / "entry")
    store.append(pa.table({"actor": ["vladimir_putin"]}), ["key-one"], [1])
    (index,) = store.directory.glob("*.index.arrow")
    index.write_bytes(index.read_bytes().replace(b"key-one", b"key-two"))
    with pytest.warns(RuntimeWarning, match="checksum mismatch in the index"):
        assert store.keys() == set()


def test_a_shard_without_checksum_is_treated_as_stale(tmp_path):
    store = cache.ShardStore(tmp_path / "entry")
    store.append(pa.table({"actor": ["vladimir_putin"]}), ["k"], [1])
    (index,) = store.directory.glob("*.index.arrow")
    table = pa.ipc.open_file(pa.BufferReader(index.read_bytes())).read_all()
    table = table.replace_schema_metadata(None)
    with pa.OSFile(str(index), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    with pytest.warns(RuntimeWarning, match="no checksum"):
        assert store.load(["k"]) == (None, {})


def test_an_intact_shard_loads_without_warning(tmp_path):
    store = cache.ShardStore(tmp_path / "entry")
    store.append(pa.table({"actor": ["vladimir_putin"]}), ["k"], [1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table, found = store.load(["k"])
    assert found == {"k": (0, 1)} and table.column("actor").to_pylist() == ["vladimir_putin"]


# ------------------------------------------------------------------ 11. dangerous aliases
ACTOR_HEADER = "actor_id,label,type,aliases,metonyms,short_names,notes\n"


@pytest.mark.parametrize("alias", ["a", "-", "A.", " x "])
def test_a_one_character_alias_is_refused_with_file_and_line(tmp_path, alias):
    actors = tmp_path / "actors.csv"
    actors.write_text(
        ACTOR_HEADER
        + "russia,Rusia,state,Rusia|Federasi Rusia,,,\n"
        + f"north_korea,Korea Utara,state,Korea Utara|{alias},,,\n"
    )
    with pytest.raises(ActorListError, match=r"actors.csv, line 3: alias .* too short"):
        load_actors(actors)


def test_a_lowercase_two_letter_alias_is_warned(tmp_path):
    actors = tmp_path / "actors.csv"
    actors.write_text(ACTOR_HEADER + "russia,Rusia,state,Rusia|ru,,,\n")
    with pytest.warns(
        UserWarning, match=r"actors.csv, line 2: two-letter alias 'ru' .* all lowercase"
    ):
        load_actors(actors)


def test_the_shipped_actor_list_loads_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_actors()


# ------------------------------------------------------------------ 12. labels are text, not maths
def test_outlet_names_with_dollars_are_drawn_as_written():
    fig, (left, right) = plt.subplots(1, 2)
    left.barh(["$x^2$", "Tempo"], [2, 1])
    left.set_title("Artikel per outlet: $x^2$")
    right.plot([1, 10, 100], [1, 2, 3], label="$x^2$")
    right.set_xscale("log")
    right.legend()
    right.set_xticks([1, 10, 100])
    right.set_xticklabels(["$a$", "b", "c"])
    for fmt in figures.FORMATS:
        figures.render(fig, fmt)  # drawing must not parse the names as maths (nor fail)
    titles = [t for t in fig.findobj(plt.Text) if t.get_text().startswith("Artikel per outlet")]
    assert [t.get_parse_math() for t in titles] == [False]
    assert left.yaxis.get_major_formatter()(0, 0) == r"\$x^2\$"
    assert [t.get_text() for t in right.get_xticklabels()][0] == r"\$a\$"
    assert right.get_legend().get_texts()[0].get_parse_math() is False
    plt.close(fig)


def test_rendering_twice_does_not_escape_twice():
    fig, ax = plt.subplots()
    ax.bar(["$x^2$"], [1])
    figures.render(fig, "svg")
    figures.render(fig, "svg")
    assert ax.xaxis.get_major_formatter()(0, 0) == r"\$x^2\$"
    plt.close(fig)


# ------------------------------------------------------------------ 2-3. bounded time on one huge article
def test_evidence_splits_each_article_once(monkeypatch):
    sentence = "Kim Jong Un bertemu Vladimir Putin di Vladivostok. "
    articles = pd.DataFrame({"article_id": ["big"], "text": [sentence * 200]})
    mentions = find_mentions(articles, load_actors(), options=EngineOptions(progress=False))
    calls = []
    original = pairs.sentence_spans
    monkeypatch.setattr(pairs, "sentence_spans", lambda t: calls.append(1) or original(t))
    rows = comentions.evidence(mentions, articles, ("kim_jong_un", "vladimir_putin"), limit=None)
    assert len(rows) == 200
    assert len(calls) == 1, "one sentence split per article, not one per matching sentence"


def test_sentence_length_histogram_has_a_bounded_number_of_bins():
    lengths = pd.DataFrame({"article_id": ["a", "b"], "n_tokens": [12, 100_000]})
    fig = frequency_plots.sentence_length_figure(lengths)
    assert len(fig.axes[0].patches) <= frequency_plots.MAX_BINS + 1
    plt.close(fig)
    fig = frequency_plots.sentence_length_figure(
        pd.DataFrame({"article_id": ["a"], "n_tokens": [61]})
    )
    assert len(fig.axes[0].patches) == 32, "short sentences keep two words per bin (0-64)"
    plt.close(fig)


# ------------------------------------------------------------------ 1. no loadable article
@pytest.mark.slow
def test_zero_articles_run_finishes_every_notebook(tmp_path):
    """Only an empty and a binary file: every notebook runs, figures say there is nothing to show."""
    from utils import paths, runner

    folder = _folder(tmp_path, {"empty.txt": b"", "bin.txt": bytes(range(256)) * 8})
    processed, figures_dir = tmp_path / "processed", tmp_path / "figures"
    summary = runner.run_notebooks(
        corpus=folder,
        processed_dir=processed,
        figures_dir=figures_dir,
        build_dir=tmp_path / "build",
        progress=False,
    )
    assert summary["notebook"].tolist() == [
        nb.stem for nb in runner.list_notebooks(paths.NOTEBOOKS_DIR)
    ]
    report = pd.read_csv(processed / "load_report.csv")
    assert sorted(report["status"]) == ["skipped", "skipped"]
    assert set(report["message"]) == {
        "bin.txt: binary file (contains NUL bytes), not text", "empty.txt: empty file",
    }  # fmt: skip
    assert len(pd.read_parquet(processed / "articles.parquet")) == 0
    saved = sorted(figures_dir.glob("*.svg"))
    assert saved, "the figures are still written"
    manifest = figures.read_manifest(figures_dir)
    assert set(manifest["n_articles"].astype(str)) == {"0"}


def test_known_span_lookup_agrees_with_a_scan_of_every_span():
    """candidates: the logarithmic overlap test that keeps one huge article linear."""
    import random

    generator = random.Random(16)
    for _ in range(200):
        spans = [(s, s + generator.randint(1, 30)) for s in generator.sample(range(500), 20)]
        known = KnownSpans(spans)
        for _ in range(20):
            a = generator.randint(0, 520)
            b = a + generator.randint(1, 15)
            assert known.overlaps(a, b) == any(s < b and a < e for s, e in spans)
    assert not KnownSpans([]).overlaps(0, 5)
