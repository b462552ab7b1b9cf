"""The loader: seeds, the shared IndoSum corpus, bad inputs, the sidecar, determinism, filters."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from utils import corpus, paths
from utils.corpus import cleaning, metadata

SEED_IDS = {
    "000": "000_0f27f9361c3da6d8",
    "001": "001_eb808f83b9bdf8cd",
    "002": "002_2509aca90c52c704",
    "003": "003_a4b6a87dbb05a943",
    "004": "004_4b67c06523eba79c",
}
GLUED = re.compile(r"[a-z0-9][.!?][A-Z]")


@pytest.fixture(scope="module")
def seeds(seed_dir):
    articles, report = corpus.load_corpus(seed_dir, progress=False)
    return articles.set_index("article_id", drop=False), report


def _row(seeds, number):
    return seeds[0].loc[SEED_IDS[number]]


# ------------------------------------------------------------------ the seeds
def test_seeds_load_with_their_outlets_and_dates(seeds):
    articles, report = seeds
    assert list(articles.index) == list(SEED_IDS.values())
    expected = {
        "000": ("Okezone", "2023-09-01", "month"),
        "001": ("ANTARA", "2023-09-01", "month"),
        "002": ("Republika", "2023-09-01", "month"),
        "003": ("Republika", "2022-11-01", "month"),
        "004": ("Tempo", "2023-09-13", "day"),
    }
    for number, (outlet, date, precision) in expected.items():
        row = _row(seeds, number)
        assert (row.outlet, row.date, row.date_precision) == (outlet, pd.Timestamp(date), precision)
        assert row.date_source == "sidecar"
    assert set(report.status) == {"loaded"}, report.message.tolist()
    assert report.n_articles.tolist() == [1, 1, 1, 1, 1, 5]  # five files, then the sidecar


def test_seed_datelines_credits_bylines_titles(seeds):
    assert _row(seeds, "000").dateline == "RUSIA"
    assert _row(seeds, "000").credit == "BBC"
    assert _row(seeds, "000").byline == "Susi Susanti"
    assert _row(seeds, "001").dateline == "Jakarta"
    assert pd.isna(_row(seeds, "002").dateline)
    assert _row(seeds, "002").title == "Apa yang Diinginkan Korut dan Rusia Satu Sama Lain?"
    assert (
        _row(seeds, "002").subtitle
        == "Rusia inginkan senjata sedangkan Korut inginkan pangan dan energi"
    )
    assert _row(seeds, "003").dateline == "MOSKOW"
    assert _row(seeds, "004").dateline == "Jakarta"
    assert _row(seeds, "004").credit == "REUTERS"
    assert _row(seeds, "004").boilerplate.startswith("Pilihan Editor KBRI Kairo")
    for number in ("000", "001", "003", "004"):
        assert pd.isna(_row(seeds, number).title), number


def test_seed_bodies_lose_markers_bylines_credits_and_boilerplate(seeds):
    texts = {number: _row(seeds, number).text for number in SEED_IDS}
    assert texts["000"].startswith("Presiden Rusia Vladimir Putin")
    assert texts["000"].endswith("tambahnya.") and "Susi Susanti" not in texts["000"]
    assert (
        texts["001"].startswith("Pertemuan Presiden Rusia") and "date 2023-09" not in texts["001"]
    )
    assert texts["002"].startswith("Pemimpin Korea Utara (Korut) Kim Jong Un")
    assert "Apa yang Diinginkan Korut" not in texts["002"]
    assert "Apa yang diinginkan Rusia dari Korea Utara?" in texts["002"]  # a subheading stays
    assert texts["003"].startswith("Rusia dan Korea Utara (Korut) diduga")
    assert "Dukungan Perang Ukraina" in texts["003"]
    assert texts["004"].startswith("Hubungan akrab Presiden Rusia")
    assert "REUTERS" not in texts["004"] and "Pilihan Editor" not in texts["004"]
    assert texts["004"].endswith('satu sama lain."')


def test_seed_text_follows_the_contract(seeds):
    articles, _ = seeds
    for row in articles.itertuples():
        assert "\n" not in row.text.replace("\n\n", ""), row.article_id
        assert "\n\n\n" not in row.text and "  " not in row.text
        assert not set(row.text) & set("“”‘’"), row.article_id
        assert row.text == row.text.strip()
        assert row.content_hash == hashlib.sha256(row.text.encode()).hexdigest()
        assert row.n_paragraphs == row.text.count("\n\n") + 1
    # raw_text is the file exactly as received
    for row in articles.itertuples():
        assert row.raw_text == paths.resolve(row.source_file).read_text(encoding="utf-8")
    assert articles.set_index("article_id").n_paragraphs.tolist() == [25, 1, 29, 12, 15]


def test_glued_antara_sentences_are_split(seeds):
    row = _row(seeds, "001")
    assert len(GLUED.findall(row.raw_text)) >= 35  # "about 40" in the issue
    assert GLUED.findall(row.text) == []
    assert "pada 2019. Bulan April, empat tahun silam" in row.text
    assert "gagal total. Saat itu Rusia" in row.text
    assert "sekutu-sekutunya" in row.text and "negara-negara Barat" in row.text


def test_seeds_without_sidecar_are_inferred_from_the_text(seed_dir):
    articles = corpus.load_articles(seed_dir, sidecar=None, progress=False).set_index("article_id")
    inferred = articles.loc[list(SEED_IDS.values()), ["outlet", "date_source", "date_precision"]]
    assert inferred.outlet.tolist()[1:] == ["ANTARA", "Republika", "Republika", "Tempo"]
    assert pd.isna(inferred.outlet.iloc[0])  # 000 has no outlet marker: never guessed
    assert inferred.date_source.tolist() == ["none", "explicit line", "none", "none", "text"]
    assert articles.loc[SEED_IDS["004"], "date"] == pd.Timestamp("2023-09-13")
    assert articles.loc[SEED_IDS["001"], "date"] == pd.Timestamp("2023-09-01")
    assert articles.loc[SEED_IDS["001"], "date_precision"] == "month"
    assert pd.isna(articles.loc[SEED_IDS["000"], "date"])


def test_loading_never_writes_raw_files_and_is_deterministic(seed_dir):
    def digests():
        return {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(seed_dir.iterdir())
        }

    before = digests()
    first = corpus.load_corpus(seed_dir, progress=False)
    second = corpus.load_corpus(seed_dir, progress=False)
    assert digests() == before
    pd.testing.assert_frame_equal(first[0], second[0])
    pd.testing.assert_frame_equal(first[1], second[1])


# ------------------------------------------------------------------ the shared corpus
@pytest.mark.shared
def test_indosum_loads_completely(indosum_file):
    articles, report = corpus.load_corpus(indosum_file, progress=False)
    lines = indosum_file.read_text(encoding="utf-8").split("\n")
    numbered = {n for n, line in enumerate(lines, 1) if line.strip()}
    assert len(numbered) == 3410 and len(articles) == 3410
    assert set(articles.source_line) == numbered
    assert articles.article_id.is_unique
    assert articles.article_id.iloc[0] == json.loads(lines[0])["id"]
    file_row = report[report.line.isna()].iloc[0]
    assert file_row.n_articles == 3410 and "3410 articles loaded" in file_row.message
    assert not (report.status == "skipped").any()
    assert articles.date.notna().all() and set(articles.date_source) == {"metadata", "url"}
    assert (articles.text.str.len() > 0).all()
    assert not articles.text.str.replace("\n\n", " ").str.contains("\n").any()


# ------------------------------------------------------------------ bad inputs
def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


GOOD = "TEMPO.CO, Jakarta - Kim Jong Un bertemu Vladimir Putin.\nKeduanya membahas kerja sama militer.\n"


def _file_rows(report):
    return report[report.line.isna()].set_index(
        report[report.line.isna()].file.str.rsplit("/", n=1).str[-1]
    )


def test_a_mixed_folder_loads_the_good_and_explains_the_bad(tmp_path, monkeypatch):
    _write(tmp_path, "good.txt", GOOD)
    _write(tmp_path, "later-copy.txt", GOOD.replace("\n", "\r\n"))  # same content after cleaning
    _write(tmp_path, "empty.txt", "  \n")
    _write(tmp_path, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _write(tmp_path, "latin.txt", "Pyongyang menyebut Putin “kamerad” di Moskow.".encode("cp1252"))
    _write(
        tmp_path,
        "lines.jsonl",
        json.dumps({"id": "a1", "text": "Korut memasok amunisi."})
        + '\n{"id": "a2", "text": "Rusia memb\n',
    )
    _write(tmp_path, "notext.csv", "judul,tanggal\nKim ke Rusia,2023-09-13\n")
    _write(tmp_path, "slides.pdf", b"%PDF-1.4")
    _write(tmp_path, ".hidden.txt", GOOD)
    _write(tmp_path, "locked.txt", GOOD)
    original = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    articles, report = corpus.load_corpus(tmp_path, progress=False)

    assert sorted(articles.article_id) == ["a1", "good", "later-copy", "latin"]
    rows = _file_rows(report)
    assert ".hidden.txt" not in rows.index
    expected = {
        "empty.txt": ("skipped", "empty file"),
        "binary.txt": ("skipped", "binary file"),
        "latin.txt": ("loaded_with_warnings", "not valid UTF-8"),
        "lines.jsonl": ("loaded_with_warnings", "1 articles loaded"),
        "notext.csv": ("skipped", "CSV without a text column"),
        "slides.pdf": ("skipped", "unsupported file type '.pdf'"),
        "locked.txt": ("skipped", "cannot read"),
        "later-copy.txt": ("loaded_with_warnings", "same content as good"),
        "good.txt": ("loaded", "loaded"),
    }
    for name, (status, words) in expected.items():
        assert rows.loc[name, "status"] == status, (name, rows.loc[name, "message"])
        assert words in rows.loc[name, "message"] and name in rows.loc[name, "message"]
    bad_line = report[report.line.notna()].iloc[0]
    assert (bad_line.line, bad_line.status) == (2, "skipped")
    assert "lines.jsonl line 2" in bad_line.message and "JSON" in bad_line.message
    latin = articles.set_index("article_id").loc["latin"]
    assert latin.text == 'Pyongyang menyebut Putin "kamerad" di Moskow.'
    duplicate = articles.set_index("article_id").loc["later-copy"]
    assert duplicate.is_duplicate and duplicate.duplicate_of == "good"
    assert not articles.set_index("article_id").loc["good", "is_duplicate"]


def test_csv_rows_bring_their_own_metadata(tmp_path):
    _write(
        tmp_path,
        "berita.csv",
        "id,outlet,date,title,url,text\n"
        'k1,Kompas,2023-09-14,Kim di Rusia,https://kompas.com/a,"Kim Jong Un tiba di Rusia.\n\nIa bertemu Putin."\n'
        "k2,Kompas,14/09/2023,,,Putin menyambut Kim.\n"
        "k3,Kompas,2023-09,,,\n"
        "k4,Kompas\n",
    )
    articles, report = corpus.load_corpus(tmp_path / "berita.csv", progress=False)
    first = articles.set_index("article_id").loc["k1"]
    assert (first.outlet, first.date, first.date_source, first.title) == (
        "Kompas",
        pd.Timestamp("2023-09-14"),
        "metadata",
        "Kim di Rusia",
    )
    assert first.text == "Kim Jong Un tiba di Rusia.\n\nIa bertemu Putin."
    assert first.source_line == 2
    second = articles.set_index("article_id").loc["k2"]
    assert pd.isna(second.date) and second.date_source == "none"
    messages = report.set_index("line").message
    assert "14/09/2023" in messages.loc[5]  # k2 starts on line 5 (k1's text spans lines 2-4)
    assert "berita.csv line 6: text is empty" == messages.loc[6]
    assert "expected 6 cells, found 2" in messages.loc[7]


def test_a_bare_day_month_date_takes_the_year_nearest_the_known_date(tmp_path):
    """``Senin (30/12)`` in an article dated 2 January 2018 is 30 December 2017, not 2018."""
    _write(
        tmp_path,
        "berita.jsonl",
        json.dumps({"id": "a", "date": "2018-01-02", "text": "Jakarta, Senin (30/12). Kim tiba."})
        + "\n"
        + json.dumps(
            {"id": "b", "date": "2017-12-30", "text": "Jakarta, Selasa (2/1). Kim pulang."}
        )
        + "\n"
        + json.dumps(
            {"id": "c", "date": "2017-06", "text": "Rabu, 13 September 2023 (2/1). Putin."}
        )
        + "\n",
    )
    articles, report = corpus.load_corpus(tmp_path, progress=False)
    assert articles.date.tolist() == [
        pd.Timestamp(d) for d in ("2018-01-02", "2017-12-30", "2017-06")
    ]
    warned = report.dropna(subset=["article_id"]).set_index("article_id").message
    assert warned.index.tolist() == ["c"]  # a's (30/12) is 2017-12-30 and b's (2/1) is 2018-01-02
    assert "the text says 2023-09-13" in warned["c"]  # a full date keeps its own year


def test_duplicate_ids_are_renamed_deterministically(tmp_path):
    lines = [
        json.dumps({"id": "x", "text": f"Artikel nomor {n} tentang Korea Utara."}) for n in range(3)
    ]
    _write(tmp_path, "a.jsonl", "\n".join(lines) + "\n")
    articles, report = corpus.load_corpus(tmp_path, progress=False)
    assert articles.article_id.tolist() == ["x", "x~2", "x~3"]
    assert report.message.str.contains("article id 'x' already used").sum() == 2


# ------------------------------------------------------------------ the sidecar
def test_sidecar_disagreement_is_reported_and_the_sidecar_wins(tmp_path, seed_dir):
    shutil.copy(seed_dir / f"{SEED_IDS['004']}.txt", tmp_path)
    _write(
        tmp_path,
        "metadata.csv",
        f"file,outlet,date,date_precision\n{SEED_IDS['004']}.txt,Kompas,2022-01,month\n",
    )
    articles, report = corpus.load_corpus(tmp_path, progress=False)
    row = articles.iloc[0]
    assert (row.outlet, row.date, row.date_precision, row.date_source) == (
        "Kompas",
        pd.Timestamp("2022-01-01"),
        "month",
        "sidecar",
    )
    message = _file_rows(report).loc[f"{SEED_IDS['004']}.txt"]
    assert message.status == "loaded_with_warnings"
    assert "sidecar says 'Kompas', the lead marker says 'Tempo'" in message.message
    assert "sidecar says 2022-01, the text says 2023-09-13" in message.message


def test_a_malformed_sidecar_is_reported_line_by_line(tmp_path):
    _write(tmp_path, "a.txt", GOOD)
    _write(
        tmp_path,
        "metadata.csv",
        "file,outlet,date,date_precision\n"
        "a.txt,Tempo,13 September 2023,day\n"
        "a.txt,Tempo,2023-09,month\n"
        "hilang.txt,ANTARA,2023-09,bulan\n"
        "b.txt,ANTARA,2023-09,day\n",
    )
    _write(tmp_path, "b.txt", "Jakarta (ANTARA) - Rusia dan Korea Utara.\nKedua negara.\n")
    articles, report = corpus.load_corpus(tmp_path, progress=False)
    sidecar_rows = report[report.file.str.endswith("metadata.csv") & report.line.notna()]
    lines = sidecar_rows.groupby("line").message.agg(" ".join)
    assert "line 2: bad date '13 September 2023'" in lines.loc[2]
    assert "line 3: 'a.txt' already described on line 2" in lines.loc[3]
    assert "line 4: unknown date_precision 'bulan'" in lines.loc[4]
    assert "'hilang.txt', which does not exist" in report.message.str.cat(sep=" ")
    assert "line 5: date '2023-09' is not precise to the day; kept as month" in lines.loc[5]
    b = articles.set_index("article_id").loc["b"]
    assert (b.date, b.date_precision) == (
        pd.Timestamp("2023-09-01"),
        "month",
    )  # never faked to a day
    assert articles.set_index("article_id").loc["a", "date_source"] == "none"


def test_missing_source_raises_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="nothing to load"):
        corpus.load_articles(tmp_path / "tidak-ada", progress=False)


# ------------------------------------------------------------------ helpers
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rabu, 13 September 2023.", ("2023-09-13", "day")),
        ("pada 1 Agustus 2023 lalu", ("2023-08-01", "day")),
        ("Jumat (20/8) lalu", None),
        ("sejak 1991", None),
    ],
)
def test_indonesian_dates(text, expected):
    found = metadata.parse_indonesian_date(text)
    assert (None if found is None else (str(found[0].date()), found[1])) == expected
    assert metadata.parse_indonesian_date("Jumat (20/8) lalu", year=2021)[0] == pd.Timestamp(
        "2021-08-20"
    )


def test_cleaning_keeps_domains_decimals_and_question_leads():
    parts = cleaning.clean_article(
        "Harga naik 2,5 persen menjadi Rp1.000 di REPUBLIKA.CO.ID hari ini.\nKata dia."
    )
    assert (
        parts.text
        == "Harga naik 2,5 persen menjadi Rp1.000 di REPUBLIKA.CO.ID hari ini.\n\nKata dia."
    )
    # a short question as the first line is not a title without an outlet marker after it
    question = cleaning.clean_article("Apa varian cokelat favoritmu?\nBanyak pilihan.\nSemua enak.")
    assert question.title is None and question.text.startswith("Apa varian")
    headline = cleaning.clean_article(
        "Putin Sambut Kim di Vladivostok\nKim tiba.\nPutin menyambut."
    )
    assert headline.title == "Putin Sambut Kim di Vladivostok"
    assert cleaning.clean_article("Kata dia. (Antara)").credit == "Antara"


def test_filter_articles_counts_undated_and_samples_reproducibly(seed_dir):
    articles = corpus.load_articles(seed_dir, sidecar=None, progress=False)
    everything = corpus.filter_articles(articles)
    assert len(everything) == 5  # no date filter: undated articles stay
    dated = corpus.filter_articles(articles, date_from="2023-09-01", date_to="2023-09-30")
    assert dated.article_id.str[:3].tolist() == ["001", "004"]
    assert dated.attrs["filter_report"]["undated_excluded"] == 3
    assert len(corpus.undated_articles(articles)) == 3
    antara = corpus.filter_articles(articles, outlets="antaranews")
    assert antara.article_id.str[:3].tolist() == ["001"]
    sample = corpus.filter_articles(articles, sample_n=3, seed=7)
    assert (
        sample.article_id.tolist()
        == corpus.filter_articles(articles, sample_n=3, seed=7).article_id.tolist()
    )
    assert len(sample) == 3 and sample.index.is_monotonic_increasing


def test_link_boilerplate_and_header_bylines_leave_the_body():
    parts = cleaning.clean_article(
        "Kim tiba di Vladivostok.\n\n[Baca juga: Putin Sambut Kim di Rusia]\n\nPutin menyambut. "
        "Baca juga: Shoigu ke Pyongyang\n\nBaca juga:\n\nKorut Kirim Amunisi\n\nRusia Bantah Tuduhan AS\n\n"
        '"Kami bersahabat," kata Putin.'
    )
    assert (
        parts.text
        == 'Kim tiba di Vladivostok.\n\nPutin menyambut.\n\n"Kami bersahabat," kata Putin.'
    )
    assert parts.boilerplate.split("\n") == [
        "[Baca juga: Putin Sambut Kim di Rusia]",
        "Baca juga: Shoigu ke Pyongyang",
        "Baca juga:",
        "Korut Kirim Amunisi",
        "Rusia Bantah Tuduhan AS",
    ]
    header = cleaning.clean_article(
        "Reporter: Edy Purnomo\nSuara.com - Kim tiba di Rusia.\nPutin menyambut."
    )
    assert (header.title, header.byline, header.outlet) == (None, "Reporter: Edy Purnomo", "Suara")
    assert header.text == "Kim tiba di Rusia.\n\nPutin menyambut."


def test_an_unmatched_explicit_sidecar_is_flagged(tmp_path, seed_dir):
    _write(tmp_path, "a.txt", GOOD)
    _, report = corpus.load_corpus(tmp_path, sidecar=seed_dir / "metadata.csv", progress=False)
    sidecar_row = report[report.file.str.endswith("metadata.csv")].iloc[0]
    assert (
        sidecar_row.status == "loaded_with_warnings"
        and "applied to 0 articles" in sidecar_row.message
    )


def test_one_non_utf8_line_does_not_garble_the_others(tmp_path):
    good = json.dumps({"id": "u", "text": "Putin menyebut Kim “kamerad”."}, ensure_ascii=False)
    bad = json.dumps({"id": "c", "text": "Kim menyebut Putin “kawan”."}, ensure_ascii=False)
    _write(tmp_path, "mixed.jsonl", good.encode("utf-8") + b"\n" + bad.encode("cp1252") + b"\n")
    articles, report = corpus.load_corpus(tmp_path, progress=False)
    texts = articles.set_index("article_id").text
    assert texts["u"] == 'Putin menyebut Kim "kamerad".'
    assert texts["c"] == 'Kim menyebut Putin "kawan".'
    file_row = _file_rows(report).loc["mixed.jsonl"]
    assert file_row.status == "loaded_with_warnings"
    assert "not valid UTF-8 on line 2" in file_row.message


def test_the_data_behind_the_01_figures(seeds):
    from utils.corpus import coverage

    articles = seeds[0].reset_index(drop=True)
    by_outlet = coverage.outlet_summary(articles)
    assert by_outlet[["outlet", "n_articles", "share"]].values.tolist() == [
        ["Republika", 2, 0.4],
        ["ANTARA", 1, 0.2],
        ["Okezone", 1, 0.2],
        ["Tempo", 1, 0.2],
    ]
    spans = coverage.date_spans(articles).set_index("article_id")
    assert spans.loc[SEED_IDS["003"], ["start", "end"]].tolist() == [
        pd.Timestamp("2022-11-01"),
        pd.Timestamp("2022-11-30"),
    ]
    assert spans.loc[SEED_IDS["004"], "start"] == spans.loc[SEED_IDS["004"], "end"]
    per_month = coverage.date_coverage(articles, freq="MS")
    assert per_month.values.tolist() == [
        [pd.Timestamp("2022-11-01"), "month", 1],
        [pd.Timestamp("2023-09-01"), "day", 1],
        [pd.Timestamp("2023-09-01"), "month", 3],
    ]


def test_seed_corpus_is_byte_identical_to_the_articles_received(seed_dir):
    received = paths.SHARED_DIR / "seed-articles"
    if not received.exists():
        pytest.skip(
            f"the seed articles as received are only in {received} (developer machines, CI)"
        )
    originals = sorted(received.glob("*.txt"))
    assert len(originals) == 5
    for original in originals:
        assert (seed_dir / original.name).read_bytes() == original.read_bytes(), original.name
    assert sorted(p.name for p in seed_dir.glob("*.txt")) == [p.name for p in originals]
