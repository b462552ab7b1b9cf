"""The collection's figure style and export (``utils.figures.export``): names, files, determinism, manifest."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from utils import (
    figures,  # noqa: E402
    provenance,
)
from utils.figures import export

ARTICLES = pd.DataFrame(
    {
        "article_id": ["000_0f27f9361c3da6d8", "003_a4b6a87dbb05a943", "004_4b67c06523eba79c"],
        "content_hash": ["aa", "bb", "cc"],
        "outlet": ["Okezone", "Republika", "Tempo"],
        "date": pd.to_datetime(["2023-09-01", "2022-11-01", "2023-09-13"]),
    }
)


def bar_chart(values=(3, 1, 2)):
    figures.apply_style()
    fig, ax = plt.subplots()
    ax.bar(["Okezone", "Republika", "Tempo"], list(values))
    ax.set(title="Artikel per media", xlabel="Outlet", ylabel="Articles (count)")
    figures.add_subtitle(ax, "korpus: benih (5 artikel)")
    return fig


def heatmap():
    import seaborn as sns

    figures.apply_style()
    counts = pd.DataFrame(
        [[0, 7, 2], [7, 0, 3], [2, 3, 0]],
        index=["kim_jong_un", "putin", "shoigu"],
        columns=["kim_jong_un", "putin", "shoigu"],
    )
    fig, ax = plt.subplots()
    sns.heatmap(counts, annot=True, ax=ax, cbar_kws={"label": "Co-mentions (sentences)"})
    return fig


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize(
    "name", ["Heatmap", "4-heatmap", "04_heatmap", "04-Heatmap", "04-", "04-peta aktor", "../04-x"]
)
def test_bad_names_are_refused(tmp_path, name):
    with pytest.raises(ValueError, match="notebook number"):
        figures.save(bar_chart(), name, params={}, figures_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_save_writes_png_at_200_dpi_and_svg(tmp_path):
    written = figures.save(
        bar_chart(),
        "01-articles-per-outlet",
        params={"CORPUS": "data/raw"},
        articles=ARTICLES,
        figures_dir=tmp_path,
    )
    assert written == [
        tmp_path / "01-articles-per-outlet.png",
        tmp_path / "01-articles-per-outlet.svg",
    ]
    with Image.open(written[0]) as png:
        assert round(png.info["dpi"][0]) >= 200
        assert "Software" not in png.info
        assert png.size[0] >= 1000  # 8 inches at 200 dpi, minus tight cropping
    svg = written[1].read_text()
    ET.fromstring(svg.encode())  # well-formed XML
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg


def test_same_figure_gives_identical_bytes(tmp_path):
    matplotlib.rcParams["svg.hashsalt"] = None  # even if someone unset the salt, save fixes it
    first = figures.save(
        heatmap(),
        "04-co-mention-heatmap",
        params={"SCOPE": "sentence"},
        articles=ARTICLES,
        figures_dir=tmp_path / "a",
    )
    second = figures.save(
        heatmap(),
        "04-co-mention-heatmap",
        params={"SCOPE": "sentence"},
        articles=ARTICLES,
        figures_dir=tmp_path / "b",
    )
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name
    assert (tmp_path / "a" / "manifest.csv").read_bytes() == (
        tmp_path / "b" / "manifest.csv"
    ).read_bytes()
    # and a different figure does give different bytes
    other = figures.save(
        bar_chart((1, 1, 1)), "04-co-mention-heatmap", params={}, figures_dir=tmp_path / "c"
    )
    assert other[0].read_bytes() != first[0].read_bytes()


def test_manifest_upserts_one_sorted_row_per_figure(tmp_path):
    figures.save(
        bar_chart(),
        "03-top-terms",
        params={"TOP_N": 25, "STEM": False},
        articles=ARTICLES,
        figures_dir=tmp_path,
    )
    figures.save(
        bar_chart(),
        "01-articles-per-outlet",
        params={"CORPUS": "data/raw"},
        articles=ARTICLES.iloc[:2],
        figures_dir=tmp_path,
    )
    figures.save(
        bar_chart(),
        "03-top-terms",
        params={"TOP_N": 10, "STEM": True},
        articles=ARTICLES,
        figures_dir=tmp_path,
    )
    manifest = figures.read_manifest(tmp_path)
    assert list(manifest.columns) == list(figures.MANIFEST_COLUMNS)
    assert manifest["figure"].tolist() == ["01-articles-per-outlet", "03-top-terms"]
    top = manifest.set_index("figure").loc["03-top-terms"]
    assert json.loads(top["params"]) == {"STEM": True, "TOP_N": 10}
    assert top["params"] == '{"STEM": true, "TOP_N": 10}'  # sorted keys
    assert top["files"] == "03-top-terms.png;03-top-terms.svg"
    assert (top["n_articles"], top["date_min"], top["date_max"]) == (
        "3",
        "2022-11-01",
        "2023-09-13",
    )
    assert top["corpus_fingerprint"] == provenance.corpus_fingerprint(ARTICLES)
    assert manifest.set_index("figure").loc["01-articles-per-outlet", "n_articles"] == "2"
    assert top["code_version"] == provenance.code_version()
    assert json.loads(top["package_versions"])["matplotlib"] == matplotlib.__version__
    hashes = json.loads(top["sha256"])
    assert hashes["03-top-terms.png"] == provenance.file_sha256(tmp_path / "03-top-terms.png")[:16]


def test_manifest_without_articles_leaves_corpus_columns_empty(tmp_path):
    figures.save(bar_chart(), "02-sentence-lengths", params={}, figures_dir=tmp_path)
    row = figures.read_manifest(tmp_path).iloc[0]
    assert (row["n_articles"], row["date_min"], row["corpus_fingerprint"]) == ("", "", "")


def test_failed_export_keeps_the_previous_figure(tmp_path, monkeypatch):
    figures.save(
        bar_chart(), "04-mentions-per-actor", params={"SCOPE": "sentence"}, figures_dir=tmp_path
    )
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if not p.name.startswith(".")}

    real_render = figures.render

    def crash_on_svg(fig, fmt, **kwargs):
        if fmt == "svg":
            raise KeyboardInterrupt("interrupted while drawing")
        return real_render(fig, fmt, **kwargs)

    monkeypatch.setattr(export, "render", crash_on_svg)
    with pytest.raises(KeyboardInterrupt):
        figures.save(
            bar_chart((9, 9, 9)),
            "04-mentions-per-actor",
            params={"SCOPE": "window"},
            figures_dir=tmp_path,
        )
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if not p.name.startswith(".")}
    assert after == before  # PNG, SVG and manifest all still describe the old figure
    assert (
        after["manifest.csv"] == before["manifest.csv"]
    )  # the manifest still describes the old figure
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_network_layout_is_fixed_whatever_the_insertion_order():
    import networkx as nx

    edges = [
        ("putin", "kim_jong_un", 7),
        ("putin", "shoigu", 3),
        ("kim_jong_un", "choe_son_hui", 2),
        ("biden", "putin", 1),
    ]
    forward = nx.Graph()
    forward.add_weighted_edges_from(edges)
    backward = nx.Graph()
    backward.add_weighted_edges_from([(b, a, w) for a, b, w in reversed(edges)])
    assert figures.network_layout(forward) == figures.network_layout(backward)
    assert figures.network_layout(forward) != figures.network_layout(forward, seed=7)


def test_apply_style_sets_the_colour_blind_safe_palette_and_export_dpi():
    figures.apply_style()
    colours = [c["color"] for c in matplotlib.rcParams["axes.prop_cycle"]]
    assert colours[:3] == ["#0072B2", "#E69F00", "#009E73"]
    assert matplotlib.rcParams["savefig.dpi"] >= 200
    assert matplotlib.rcParams["svg.hashsalt"] == figures.SVG_HASHSALT


def test_render_is_independent_of_global_state():
    fig = bar_chart()
    png = figures.render(fig, "png")
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
    with pytest.raises(ValueError, match="format"):
        figures.render(fig, "jpg")
