"""Canonical outlets (data/outlets.csv): hosts, URLs and names mapped to one outlet; outlet levels;
top outlets; per-outlet figures that stay readable with 60 corpus."""

from __future__ import annotations

import io
import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from PIL import Image

from utils import corpus, figures

#: (outlet value the export gives, url, expected canonical outlet, expected outlet_source, section)
#: 20 Indonesian outlets, with sections and regional subdomains, as real exports name them.
CASES = [
    ("antaranews.com", "https://www.antaranews.com/berita/3721161/x", "ANTARA", "host", None),
    (
        "jogja.antaranews.com",
        "https://jogja.antaranews.com/berita/612345/x",
        "ANTARA",
        "host",
        "jogja",
    ),
    ("sumbar.antaranews.com", None, "ANTARA", "host", "sumbar"),
    (
        "economy.okezone.com",
        "https://economy.okezone.com/read/2023/09/13/x",
        "Okezone",
        "host",
        "economy",
    ),
    ("news.okezone.com", None, "Okezone", "host", "news"),
    ("ekonomi.republika.co.id", None, "Republika", "host", "ekonomi"),
    ("pusatdata.kontan.co.id", None, "Kontan", "host", "pusatdata"),
    ("investasi.kontan.co.id", None, "Kontan", "host", "investasi"),
    (
        "cnnindonesia.com",
        "https://www.cnnindonesia.com/ekonomi/20230913/x",
        "CNN Indonesia",
        "host",
        "ekonomi",
    ),
    ("bisnis.tempo.co", None, "Tempo", "host", "bisnis"),
    ("money.kompas.com", None, "Kompas", "host", "money"),
    ("regional.kompas.com", None, "Kompas", "host", "regional"),
    ("finance.detik.com", None, "detikcom", "host", "finance"),
    ("www.liputan6.com", None, "Liputan6", "host", None),
    ("jogja.suara.com", None, "Suara", "host", "jogja"),
    ("kumparan.com", "https://kumparan.com/kumparanbisnis/x-1zxyz", "kumparan", "host", None),
    ("m.merdeka.com", "https://m.merdeka.com/uang/x.html", "Merdeka", "host", "uang"),
    ("poskota.co.id", None, "Pos Kota", "host", None),
    ("ekonomi.bisnis.com", None, "Bisnis", "host", "ekonomi"),
    ("jogja.bisnis.com", None, "Bisnis", "host", "jogja"),
    ("ekbis.sindonews.com", None, "SINDOnews", "host", "ekbis"),
    ("jogja.tribunnews.com", None, "Tribunnews", "host", "jogja"),
    ("tribunjogja.com", None, "Tribunnews", "host", "jogja"),
    ("jatim.inews.id", None, "iNews", "host", "jatim"),
    ("www.jpnn.com", None, "JPNN", "host", None),
    ("www.viva.co.id", None, "VIVA", "host", None),
    # no outlet value: the URL decides
    (None, "https://www.bbc.com/indonesia/dunia-66784512", "BBC", "url", "indonesia"),
    (None, "https://nasional.sindonews.com/read/1/x", "SINDOnews", "url", "nasional"),
    (None, "https://www.cnbcindonesia.com/market/20230913/x", "CNBC Indonesia", "url", "market"),
    # names as exports and IndoSum give them
    ("antaranews", None, "ANTARA", "name", None),
    ("cnn indonesia", None, "CNN Indonesia", "name", None),
    ("poskotanews", None, "Pos Kota", "name", None),
    ("Bisnis Indonesia", None, "Bisnis", "name", None),
    # the host is not Suara.com: a regional daily of its own
    ("www.suaramerdeka.com", None, "Suara Merdeka", "host", None),
    # unknown outlet value, known URL: the URL decides, the value is kept in outlet_raw
    (
        "Harian Ekonomi Nusantara",
        "https://industri.kontan.co.id/news/x",
        "Kontan",
        "url",
        "industri",
    ),
]
UNKNOWN = [
    ("koranmadura.example.id", "https://koranmadura.example.id/ekonomi/x"),
    ("koranmadura.example.id", None),
    ("beritabanua.example.co.id", None),
]


def _text(number: int) -> str:
    return (
        f"Jakarta - Bank Indonesia menahan suku bunga acuan pada rapat ke-{number}. "
        f"Inflasi tahunan tercatat 2,{number % 10} persen, kata gubernur BI di Jakarta, Rabu (13/9).\n\n"
        f"Menurut dia, rupiah masih stabil terhadap dolar AS pada pekan ke-{number}."
    )


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outlets")
    path = folder / "articles.jsonl"
    rows = [(outlet, url) for outlet, url, *_ in CASES] + UNKNOWN
    with path.open("w", encoding="utf-8") as handle:
        for number, (outlet, url) in enumerate(rows):
            record = {"id": f"a{number:03d}", "date": "2023-09-13", "text": _text(number)}
            if outlet is not None:
                record["outlet"] = outlet
            if url is not None:
                record["url"] = url
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return corpus.load_corpus(path, sidecar=None, progress=False)


def test_hosts_urls_and_names_map_to_the_canonical_outlet(mixed_corpus):
    articles, _ = mixed_corpus
    assert len({expected for *_, expected, _, _ in CASES}) >= 15
    for number, (given, url, outlet, source, section) in enumerate(CASES):
        row = articles.set_index("article_id").loc[f"a{number:03d}"]
        got = (row.outlet, row.outlet_source, None if pd.isna(row.section) else row.section)
        assert got == (outlet, source, section), (given, url)
        assert row.outlet_raw == (given or corpus.host_of(url))
        assert row.outlet_group in corpus.GROUPS


def test_unknown_hosts_are_kept_and_reported_and_nothing_is_dropped(mixed_corpus):
    articles, report = mixed_corpus
    assert len(articles) == len(CASES) + len(UNKNOWN)
    unknown = articles[articles.article_id.isin([f"a{len(CASES) + i:03d}" for i in range(3)])]
    assert unknown.outlet.tolist() == [u for u, _ in UNKNOWN]
    assert set(unknown.outlet_source) == {"as given"}
    assert unknown.outlet_group.isna().all() or set(unknown.outlet_group) <= {"None"}
    candidates = report[report.message.str.contains("not in data/outlets.csv")]
    assert candidates.n_articles.tolist() == [2, 1]
    assert "'koranmadura.example.id' (2 articles)" in candidates.message.iloc[0]
    assert "'beritabanua.example.co.id' (1 articles)" in candidates.message.iloc[1]
    # the value the table did not know, whose URL it did, is no candidate
    assert not report.message.str.contains("Harian Ekonomi Nusantara' \\(").any()


def test_sidecar_wins_and_is_canonicalised(tmp_path):
    (tmp_path / "a.txt").write_text(_text(1), encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "file,outlet,url\na.txt,jogja.antaranews.com,https://jogja.antaranews.com/berita/1/x\n",
        encoding="utf-8",
    )
    row = corpus.load_articles(tmp_path, progress=False).iloc[0]
    assert (row.outlet, row.outlet_raw, row.outlet_source, row.section) == (
        "ANTARA",
        "jogja.antaranews.com",
        "sidecar",
        "jogja",
    )


def test_lead_marker_names_the_outlet_when_nothing_else_does(tmp_path):
    (tmp_path / "a.txt").write_text(
        "REPUBLIKA.CO.ID, JAKARTA - Bank Indonesia menahan suku bunga acuan.", encoding="utf-8"
    )
    row = corpus.load_articles(tmp_path, sidecar=None, progress=False).iloc[0]
    assert (row.outlet, row.outlet_source, row.outlet_group) == (
        "Republika",
        "lead marker",
        "national",
    )


def test_the_seeds_keep_their_outlets_with_the_new_columns(seed_dir):
    articles = corpus.load_articles(seed_dir, progress=False)
    assert articles.outlet.tolist() == ["Okezone", "ANTARA", "Republika", "Republika", "Tempo"]
    assert articles.outlet_raw.tolist() == articles.outlet.tolist()
    assert set(articles.outlet_source) == {"sidecar"}
    assert articles.outlet_group.tolist() == [
        "national", "wire agency", "national", "national", "national",
    ]  # fmt: skip


def test_filter_by_host_name_or_group(mixed_corpus):
    articles, _ = mixed_corpus
    kept = corpus.filter_articles(articles, outlets=["jogja.antaranews.com"])
    assert set(kept.outlet) == {"ANTARA"} and len(kept) == 4  # 3 hosts + the 'antaranews' name
    business = corpus.filter_articles(articles, outlets="business")
    assert set(business.outlet) == {"Kontan", "Bisnis", "CNBC Indonesia"}


def test_outlet_levels(mixed_corpus):
    articles, _ = mixed_corpus
    by_group = corpus.at_level(articles, "group")
    assert set(by_group.outlet) >= {"wire agency", "national", "regional", "business", "foreign"}
    assert corpus.NO_GROUP in set(by_group.outlet)  # the unknown hosts
    by_source = corpus.at_level(articles, "source")
    assert "jogja.antaranews.com" in set(by_source.outlet)
    assert corpus.at_level(articles, "outlet") is articles
    with pytest.raises(ValueError, match="OUTLET_LEVEL"):
        corpus.at_level(articles, "domain")


def test_bad_rows_name_the_file_and_line(tmp_path):
    path = tmp_path / "outlets.csv"
    path.write_text("kind,pattern,outlet,group\nhost,a.id,A,national\nhost,b.id,B,tabloid\n")
    with pytest.raises(ValueError, match="outlets.csv line 3: unknown group 'tabloid'"):
        corpus.read_outlets(path)
    path.write_text("kind,pattern,outlet,group\nhost,a.id,A,national\nhost,b.id,A,regional\n")
    with pytest.raises(ValueError, match="line 3: A is 'national'"):
        corpus.read_outlets(path)


def test_shipped_table_is_consistent():
    table = corpus.read_outlets()
    assert len(table.outlets) >= 30
    assert set(table.groups.values()) <= set(corpus.GROUPS)
    # every host maps to the outlet its name key maps to, unless another outlet owns that key
    assert table.names["antara"] == "ANTARA" and table.names["suaramerdeka"] == "Suara Merdeka"


# ------------------------------------------------------------ 60 outlets stay readable
def _sixty_outlets() -> pd.DataFrame:
    rows = []
    for index in range(60):
        n = max(1, 60 // (index + 1))  # a long tail, like real mixed corpora
        rows += [
            {"article_id": f"o{index:02d}-{k}", "outlet": f"koran{index:02d}.example.id",
             "date": pd.Timestamp("2023-09-01") + pd.Timedelta(days=k), "date_precision": "day",
             "n_words": 100}
            for k in range(n)
        ]  # fmt: skip
    return pd.DataFrame(rows)


def _png_height_inches(fig) -> float:
    image = Image.open(io.BytesIO(figures.render(fig, "png")))
    plt.close(fig)
    return image.size[1] / figures.DPI


def test_top_outlets_sum_the_rest():
    articles = _sixty_outlets()
    chosen = corpus.top_outlets(articles, top=8)
    assert len(chosen.shown) == 9 and chosen.shown[-1] == "other (52 outlets)"
    relabelled = chosen.relabel(articles)
    assert len(relabelled) == len(articles)  # nothing dropped, only summed
    assert relabelled.outlet.nunique() == 9
    assert "other (52 outlets)" in chosen.note


def test_per_outlet_figures_with_sixty_outlets_fit_an_a4_page():
    figures.apply_style()
    articles = _sixty_outlets()
    chosen = corpus.top_outlets(articles, top=8)
    shown = chosen.relabel(articles)
    summary = chosen.other_last(corpus.outlet_summary(shown))
    assert summary.outlet.iloc[-1] == chosen.other
    fig = figures.articles_per_outlet_figure(summary, subtitle=chosen.note)
    assert len(fig.axes[0].patches) == 9
    assert _png_height_inches(fig) <= figures.A4_HEIGHT_INCHES
    spans = pd.DataFrame(
        {"article_id": shown.article_id, "outlet": shown.outlet, "start": shown.date,
         "end": shown.date, "date_precision": shown.date_precision}
    )  # fmt: skip
    fig = figures.date_coverage_figure(
        spans, outlets=summary.outlet.tolist(), n_undated=0, subtitle=chosen.note
    )
    assert _png_height_inches(fig) <= figures.A4_HEIGHT_INCHES
    counts = pd.DataFrame(
        [
            {
                "outlet": o,
                "term": f"kata{t}",
                "count": 20 - t,
                "n_words": 1000,
                "per_1000": 20.0 - t,
            }
            for o in chosen.shown
            for t in range(12)
        ]
    )
    fig = figures.small_multiples_figure(counts, group="outlet", n=12, subtitle=chosen.note)
    assert len([ax for ax in fig.axes if ax.get_visible()]) == 9
    assert _png_height_inches(fig) <= figures.A4_HEIGHT_INCHES
