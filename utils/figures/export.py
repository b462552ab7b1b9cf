"""One figure style for the whole collection, and one function to export figures.

Call :func:`apply_style` once near the top of a notebook; make the figure with
matplotlib or seaborn; then :func:`save` it under a name that starts with the
notebook's number. ``save`` writes ``<figures_dir>/<name>.png`` (200 dpi) and
``.svg`` (and ``.pdf`` after :func:`use_formats`) atomically and byte-deterministically, and records in
``<figures_dir>/manifest.csv`` which notebook and parameters made the figure,
from which corpus, with which code and data.

>>> import tempfile, pathlib
>>> import matplotlib.pyplot as plt
>>> apply_style()
>>> fig, ax = plt.subplots()
>>> _ = ax.bar(["ANTARA", "Tempo"], [2, 1])
>>> _ = ax.set(xlabel="Outlet", ylabel="Articles (count)")
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> [p.name for p in save(fig, "01-articles-per-outlet", params={"CORPUS": "data/raw"}, figures_dir=folder)]
['01-articles-per-outlet.png', '01-articles-per-outlet.svg']
>>> plt.close(fig)
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib as mpl
import matplotlib.category
import matplotlib.pyplot as plt
import matplotlib.text
import matplotlib.ticker
import pandas as pd
from matplotlib.figure import Figure

from utils import paths, provenance

#: Okabe & Ito (2008) colour-blind-safe palette, in the order categories receive colours.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
#: Perceptually uniform, colour-blind-safe colour map for heatmaps.
SEQUENTIAL_CMAP = "viridis"
#: Resolution of exported PNGs (dots per inch).
DPI = 200
#: The tallest a figure may be at its export size (an A4 page, 297 mm, in inches).
A4_HEIGHT_INCHES = 11.69
#: Fixed seed for every network layout (spring layouts are random otherwise).
LAYOUT_SEED = 42
#: Fixed salt for SVG element ids, so SVG files are byte-identical across runs.
SVG_HASHSALT = "berita-aktor"

NAME_PATTERN = re.compile(r"^\d\d-[a-z0-9-]+$")
FORMATS = ("png", "svg")
#: Every format :func:`save` can write (``FIGURE_FORMATS`` in the notebooks picks from these).
ALL_FORMATS = ("png", "svg", "pdf")
#: The one font family of every figure; matplotlib ships it, so every machine draws the same
#: glyphs. SVG text stays text (``svg.fonttype = "none"``) and names this family.
FONT_FAMILY = "DejaVu Sans"
#: Fixed metadata per format: no dates, no version strings, so files are byte-identical.
FIXED_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
}
_formats: list[tuple[str, ...]] = [FORMATS]

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = (
    "figure",
    "files",
    "notebook",
    "params",
    "n_articles",
    "date_min",
    "date_max",
    "corpus_fingerprint",
    "code_version",
    "data_version",
    "package_versions",
    "sha256",
)

STYLE: dict[str, Any] = {
    "figure.figsize": (8.0, 5.0),
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "savefig.dpi": DPI,
    "savefig.facecolor": "white",
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.1,
    "svg.hashsalt": SVG_HASHSALT,
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
    "font.family": "sans-serif",
    "font.sans-serif": [FONT_FAMILY],
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "image.cmap": SEQUENTIAL_CMAP,
    "axes.prop_cycle": mpl.cycler(color=list(PALETTE)),
}


def apply_style() -> None:
    """Set the collection's one figure style (fonts, colour-blind-safe palette, grid, 200-dpi export).

    >>> apply_style()
    >>> plt.rcParams["savefig.dpi"]
    200.0
    """
    try:
        import seaborn as sns

        sns.set_theme(context="notebook", style="whitegrid", palette=list(PALETTE))
    except ImportError:  # seaborn is a requirement, but the style must not depend on it
        pass
    mpl.rcParams.update(STYLE)


def add_subtitle(ax: plt.Axes, text: str) -> None:
    """Put a smaller, grey line under the axes title, e.g. the co-mention scope and time bin.

    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("Co-mentions per month")
    >>> add_subtitle(ax, "scope: sentence · bin: month")
    >>> plt.close(fig)
    """
    ax.text(
        0.0, 1.01, text, transform=ax.transAxes, ha="left", va="bottom", fontsize=9, color="#555555"
    )


def network_layout(
    graph: Any, *, seed: int = LAYOUT_SEED, weight: str | None = "weight", k: float | None = None
) -> dict[Any, tuple[float, float]]:
    """Deterministic spring layout: nodes are sorted before layout and the seed is fixed.

    >>> import networkx as nx
    >>> graph = nx.Graph([("putin", "kim_jong_un"), ("putin", "biden")])
    >>> network_layout(graph) == network_layout(nx.Graph([("putin", "biden"), ("kim_jong_un", "putin")]))
    True
    """
    import networkx as nx

    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes, key=str))
    edges = sorted(
        graph.edges(data=True),
        key=lambda edge: (str(min(edge[0], edge[1], key=str)), str(max(edge[0], edge[1], key=str))),
    )
    ordered.add_edges_from(edges)
    positions = nx.spring_layout(ordered, seed=seed, weight=weight, k=k)
    return {node: (round(float(x), 6), round(float(y), 6)) for node, (x, y) in positions.items()}


def notebook_for(name: str, *, notebooks_dir: Path = paths.NOTEBOOKS_DIR) -> str:
    """The notebook a figure belongs to, from its number: ``04-co-mention-heatmap`` -> ``04-co-mentions``.

    >>> notebook_for("99-no-such-notebook")
    '99'
    """
    number = name[:2]
    matches = sorted(notebooks_dir.glob(f"{number}-*.ipynb"))
    return matches[0].stem if matches else number


def _check_name(name: str) -> None:
    if not NAME_PATTERN.match(name):
        raise ValueError(
            f"figure name {name!r} must start with the notebook number and use lowercase letters, "
            "digits and hyphens only, e.g. '04-co-mention-heatmap'"
        )


@contextlib.contextmanager
def _deterministic_rc() -> Iterator[None]:
    with mpl.rc_context({"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "none", "pdf.fonttype": 42}):
        yield


#: Tick formatters that show names (categories, ``set_xticklabels``), not numbers.
_LABEL_FORMATTERS = (
    mpl.ticker.FixedFormatter, mpl.ticker.FuncFormatter, mpl.category.StrCategoryFormatter,
)  # fmt: skip


def _escape_dollars(label: str) -> str:
    return re.sub(r"(?<!\\)\$", r"\\$", label)


def literal_labels(fig: plt.Figure) -> None:
    """Draw every label of ``fig`` as written: ``$x^2$`` in an outlet or actor name is text, not
    maths. Titles, axis labels, legends and annotations stop parsing maths; category tick labels
    get their dollars escaped. Numeric tick labels (``10^3`` on a log axis) are left alone.

    >>> fig, ax = plt.subplots()
    >>> _ = ax.bar(["$x^2$", "Tempo"], [2, 1]); _ = ax.set_title("Outlet $x^2$")
    >>> literal_labels(fig)
    >>> titles = [t for t in fig.findobj(mpl.text.Text) if t.get_text() == "Outlet $x^2$"]
    >>> [t.get_parse_math() for t in titles], ax.xaxis.get_major_formatter()(0, 0)
    ([False], '\\\\$x^2\\\\$')
    >>> plt.close(fig)
    """
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            formatter = axis.get_major_formatter()
            if isinstance(formatter, _LABEL_FORMATTERS) and not getattr(formatter, "literal", False):
                literal = mpl.ticker.FuncFormatter(
                    lambda x, pos, shown=formatter: _escape_dollars(str(shown(x, pos)))
                )
                literal.literal = True
                axis.set_major_formatter(literal)
    numeric = {
        id(text)
        for ax in fig.axes
        for axis in (ax.xaxis, ax.yaxis)
        for text in [*axis.get_ticklabels(which="both"), axis.get_offset_text()]
    }
    for text in fig.findobj(mpl.text.Text):
        if "$" in text.get_text() and id(text) not in numeric:
            text.set_parse_math(False)


NO_ARTICLES = "No articles to show: none was loaded or kept (see load_report.csv)"


def mark_no_articles(fig: plt.Figure) -> None:
    """Write :data:`NO_ARTICLES` across every axes of ``fig`` (once), for a run with no articles.

    >>> fig, ax = plt.subplots()
    >>> mark_no_articles(fig); mark_no_articles(fig)
    >>> [t.get_text() for t in ax.texts]
    ['No articles to show: none was loaded or kept (see load_report.csv)']
    >>> plt.close(fig)
    """
    for ax in fig.axes:
        if not any(t.get_gid() == "no-articles" for t in ax.texts):
            ax.text(0.5, 0.5, NO_ARTICLES, transform=ax.transAxes, ha="center", va="center",
                    color="#555555", wrap=True, gid="no-articles")  # fmt: skip


def use_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """Set the formats :func:`save` writes from now on (a notebook's ``FIGURE_FORMATS``).

    >>> use_formats(["png", "svg", "pdf"])
    ('png', 'svg', 'pdf')
    >>> use_formats(["jpg"])
    Traceback (most recent call last):
    ...
    ValueError: unknown figure format 'jpg'; use some of ('png', 'svg', 'pdf')
    >>> use_formats(FORMATS)
    ('png', 'svg')
    """
    chosen = tuple(dict.fromkeys(str(fmt).lower().lstrip(".") for fmt in formats))
    for fmt in chosen:
        if fmt not in ALL_FORMATS:
            raise ValueError(f"unknown figure format {fmt!r}; use some of {ALL_FORMATS}")
    if not chosen:
        raise ValueError(f"FIGURE_FORMATS is empty; use some of {ALL_FORMATS}")
    _formats[0] = chosen
    return chosen


def render(fig: plt.Figure, fmt: str, *, dpi: int = DPI) -> bytes:
    """The bytes of ``fig`` as PNG, SVG or PDF, with no timestamps or version strings embedded;
    labels are drawn as written (:func:`literal_labels`)."""
    if fmt not in ALL_FORMATS:
        raise ValueError(f"unknown figure format {fmt!r}; use one of {ALL_FORMATS}")
    literal_labels(fig)
    buffer = io.BytesIO()
    with _deterministic_rc():
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=FIXED_METADATA[fmt])
    return buffer.getvalue()


@contextlib.contextmanager
def _locked(lock_file: Path) -> Iterator[None]:
    """Serialise manifest updates between processes (no-op where ``fcntl`` is unavailable)."""
    try:
        import fcntl
    except ImportError:  # Windows: atomic rename still protects the file itself
        yield
        return
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_manifest(figures_dir: str | os.PathLike[str] = paths.FIGURES_DIR) -> pd.DataFrame:
    """The figure manifest as a DataFrame (empty, with the right columns, if there is none yet)."""
    manifest = Path(figures_dir) / MANIFEST_NAME
    if not manifest.exists():
        return pd.DataFrame(columns=list(MANIFEST_COLUMNS))
    return pd.read_csv(manifest, dtype=str, keep_default_na=False)


def _update_manifest(
    figures_dir: Path, *, upsert: Mapping[str, str] | None = None, drop: Sequence[str] = ()
) -> Path:
    manifest = figures_dir / MANIFEST_NAME
    with _locked(figures_dir / f".{MANIFEST_NAME}.lock"):
        rows: dict[str, dict[str, str]] = {}
        if manifest.exists():
            with open(manifest, newline="", encoding="utf-8") as handle:
                for old in csv.DictReader(handle):
                    rows[old.get("figure", "")] = {
                        column: old.get(column, "") or "" for column in MANIFEST_COLUMNS
                    }
        for name in drop:
            rows.pop(name, None)
        if upsert is not None:
            rows[upsert["figure"]] = dict(upsert)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(MANIFEST_COLUMNS), lineterminator="\n")
        writer.writeheader()
        for figure in sorted(rows):
            writer.writerow(rows[figure])
        provenance.atomic_write_text(manifest, buffer.getvalue())
    return manifest


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def save(
    fig: plt.Figure | Any,
    name: str,
    *,
    params: Mapping[str, Any] | None,
    articles: pd.DataFrame | None = None,
    figures_dir: str | os.PathLike[str] = paths.FIGURES_DIR,
    notebook: str | None = None,
    formats: Sequence[str] | None = None,
    dpi: int = DPI,
) -> list[Path]:
    """Write ``fig`` as ``<figures_dir>/<name>.png`` and ``.svg`` and record it in ``manifest.csv``.

    ``fig`` is a matplotlib Figure (a seaborn ``FacetGrid`` or an ``Axes`` works
    too). ``name`` starts with the notebook number (``"04-co-mention-heatmap"``).
    ``params`` are the notebook parameters that shaped the figure and
    ``articles`` the article table it was computed from (for the article
    count, date range and corpus fingerprint). Files are written atomically
    and are byte-identical for identical inputs. ``formats`` defaults to those set by
    :func:`use_formats` (PNG and SVG unless changed). Returns the written paths.

    >>> import tempfile, pathlib
    >>> fig, ax = plt.subplots()
    >>> save(fig, "Heatmap", params={}, figures_dir=pathlib.Path(tempfile.mkdtemp()))
    Traceback (most recent call last):
    ...
    ValueError: figure name 'Heatmap' must start with the notebook number ...
    >>> plt.close(fig)
    """
    _check_name(name)
    if not isinstance(fig, Figure):  # seaborn grids and axes carry their figure
        fig = getattr(fig, "figure", None)
        if not isinstance(fig, Figure):
            raise TypeError(f"{name}: save expects a matplotlib Figure, a seaborn grid or an Axes")
    if dpi < DPI:
        raise ValueError(f"figures are exported at {DPI} dpi or more, not {dpi}")
    figures_dir = paths.resolve(figures_dir)
    figures_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    hashes: dict[str, str] = {}
    formats = _formats[0] if formats is None else formats
    if articles is not None and len(articles) == 0:
        mark_no_articles(fig)
    rendered = {fmt: render(fig, fmt, dpi=dpi) for fmt in formats}  # draw everything before writing
    for fmt, data in rendered.items():
        target = figures_dir / f"{name}.{fmt}"
        provenance.atomic_write_bytes(target, data)
        written.append(target)
        hashes[target.name] = provenance.sha256_bytes(data)[: provenance.FINGERPRINT_LENGTH]
    record = provenance.provenance_record(params, articles)
    row = {
        "figure": name,
        "files": ";".join(path.name for path in written),
        "notebook": notebook or notebook_for(name),
        "params": provenance.params_json(params),
        "n_articles": _text(record["n_articles"]),
        "date_min": _text(record["date_min"]),
        "date_max": _text(record["date_max"]),
        "corpus_fingerprint": _text(record["corpus_fingerprint"]),
        "code_version": record["code_version"],
        "data_version": record["data_version"],
        "package_versions": json.dumps(record["package_versions"], sort_keys=True),
        "sha256": json.dumps(hashes, sort_keys=True),
    }
    _update_manifest(figures_dir, upsert=row)
    return written


def remove(
    names: Sequence[str], *, figures_dir: str | os.PathLike[str] = paths.FIGURES_DIR
) -> list[Path]:
    """Delete figures (their PNG/SVG files and manifest rows), e.g. ones a re-run no longer draws.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> fig, ax = plt.subplots()
    >>> _ = save(fig, "03-keyness", params={}, figures_dir=folder)
    >>> [p.name for p in remove(["03-keyness"], figures_dir=folder)]
    ['03-keyness.png', '03-keyness.svg']
    >>> read_manifest(folder)["figure"].tolist()
    []
    >>> plt.close(fig)
    """
    figures_dir = paths.resolve(figures_dir)
    for name in names:
        _check_name(name)
    removed = []
    for name in sorted(names):
        for fmt in ALL_FORMATS:
            path = figures_dir / f"{name}.{fmt}"
            if path.exists():
                path.unlink()
                removed.append(path)
    if (figures_dir / MANIFEST_NAME).exists():
        _update_manifest(figures_dir, drop=list(names))
    return removed
