"""Throughput, memory and incremental-cost benchmark on the shared IndoSum corpus (``make bench``).

    .venv/bin/python benchmarks/bench.py                       # 1k, 10k, 100k (heavy: minutes)
    .venv/bin/python benchmarks/bench.py --sizes 1000,10000    # a quick check

What it does (all in one run, so the ratios compare like with like):

1. builds corpora of the requested sizes from ``../shared/corpora/indosum/articles.jsonl``
   (replicas get fresh ids, dates shifted by weeks and a closing ``Salinan k.`` paragraph so each
   has its own content hash; see ``corpora.py``), written once to ``build/bench/`` (git-ignored);
2. for each corpus, in a fresh child process with an empty cache: load → clean → sentences →
   tokens+stopwords → frequencies → mentions → co-mentions → timelines, timed per stage, with the
   peak RSS of the process tree (sampled, children included). Sentences, tokens+stopwords and
   mentions share one pass over the articles: their ``cpu_s`` is measured inside the workers,
   their ``seconds`` is the pass's wall time shared in proportion, and the rest of the pass
   (keys, cache, workers, moving results) is the line ``per-article pass overhead``;
3. the incremental cost on the largest corpus: a re-run with nothing new and a re-run after
   adding one article (both through the per-article cache);
4. the issue-5 timings on IndoSum (3,410): full run, re-run with nothing new, re-run after adding
   one article;
5. the naive notebook baseline on a subsample (``naive.py``), unstemmed and stemmed, and spaCy's
   ``blank("id")`` tokeniser; our stemmed pipeline on the 10k (or largest) corpus;
6. prints one table and, LAST, the comparable summary line.

MB are megabytes of UTF-8 raw article text. The load stage is reading the JSONL file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402
import naive  # noqa: E402

from utils import paths  # noqa: E402
from utils.engine import EngineOptions

WORKDIR = paths.BUILD_DIR / "bench"


# ---------------------------------------------------------------------- measuring
class PeakMemory:
    """Sample the memory (PSS, else RSS) of this process and all its children every ``interval`` s."""

    def __init__(self, interval: float = 0.2):
        import psutil

        self._process = psutil.Process()
        self._interval = interval
        self._stop = threading.Event()
        self.peak_bytes = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        # PSS (proportional set size): pages that forked workers share with the parent are
        # counted once, not once per process as a plain RSS sum would.
        total = 0
        for process in [self._process, *self._process.children(recursive=True)]:
            try:
                info = process.memory_full_info()
                total += getattr(info, "pss", info.rss)
            except Exception:  # noqa: BLE001 - a child may exit while we look
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_bytes = max(self.peak_bytes, self._sample())
            self._stop.wait(self._interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_bytes = max(self.peak_bytes, self._sample())


def cpu_seconds() -> float:
    """CPU seconds of this process and its finished children (user + system)."""
    import resource

    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _text_mb(texts: pd.Series) -> float:
    return float(texts.map(lambda text: len(text.encode("utf-8"))).sum()) / 1e6


def _articles_from_jsonl(path: Path) -> pd.DataFrame:
    frame = corpora.load_jsonl(path).rename(columns={"id": "article_id"})
    frame["date_precision"] = "day"
    return frame


def _run(articles: pd.DataFrame, *, cache_dir: Path, stem: bool, workers: int | None, engine: str,
         stages: list | None = None) -> dict:  # fmt: skip
    from utils.pipeline import run_pipeline

    cpu_seconds_now = cpu_seconds
    last_cpu = [cpu_seconds_now()]

    def record(name: str, seconds: float, n_rows: int, cpu_seconds: float | None = None) -> None:
        """One stage done; ``cpu_seconds`` when the pipeline measured it (stages sharing a pass)."""
        now = cpu_seconds_now()
        used = now - last_cpu[0] if cpu_seconds is None else cpu_seconds
        if stages is not None:
            stages.append({"stage": name, "seconds": seconds, "cpu_s": used, "rows": n_rows})
        last_cpu[0] = now

    return run_pipeline(articles, clean=True, stem=stem, options=EngineOptions(cache_dir=cache_dir, workers=workers, engine=engine, progress=False), on_stage=record)  # fmt: skip


def _one_more_article(articles: pd.DataFrame, base: pd.DataFrame) -> pd.DataFrame:
    """The corpus plus one new article (a real text with a closing line no copy has)."""
    extra = base.iloc[[len(articles) % len(base)]].copy()
    extra["article_id"] = f"{extra['article_id'].iloc[0]}#new"
    extra["text"] = extra["text"] + "\n\nArtikel tambahan."
    return pd.concat([articles, extra], ignore_index=True)


# ---------------------------------------------------------------------- child runs
def child_full(corpus: Path, *, cache_dir: Path, stem: bool, workers: int | None, engine: str,
               incremental: bool) -> dict:  # fmt: skip
    """One cold run (timed per stage), optionally followed by the two incremental re-runs."""
    import shutil

    shutil.rmtree(cache_dir, ignore_errors=True)
    result: dict = {"corpus": corpus.name, "stem": stem}
    with PeakMemory() as memory:
        started, started_cpu = time.perf_counter(), cpu_seconds()
        articles = _articles_from_jsonl(corpus)
        stages = [{"stage": "load", "seconds": time.perf_counter() - started, "cpu_s": cpu_seconds() - started_cpu,
                   "rows": len(articles)}]  # fmt: skip
        _run(
            articles, cache_dir=cache_dir, stem=stem, workers=workers, engine=engine, stages=stages
        )
        result["total_s"] = time.perf_counter() - started
        result["cpu_s"] = cpu_seconds() - started_cpu
    result.update(stages=stages, n_articles=len(articles), mb=_text_mb(articles["text"]),
                  peak_rss_mb=memory.peak_bytes / 2**20)  # fmt: skip
    if incremental:
        base = articles.iloc[: min(len(articles), 3410)]
        for name, corpus_now in (
            ("rerun_s", articles),
            ("add_one_s", _one_more_article(articles, base)),
        ):
            steps: list[dict] = []
            with PeakMemory() as memory:
                started = time.perf_counter()
                _run(
                    corpus_now,
                    cache_dir=cache_dir,
                    stem=stem,
                    workers=workers,
                    engine=engine,
                    stages=steps,
                )
                result[name] = time.perf_counter() - started
            result[name.replace("_s", "_stages")] = steps
            result["peak_rss_mb"] = max(result["peak_rss_mb"], memory.peak_bytes / 2**20)
    return result


def _child(arguments: list[str], timeout: float = 3600) -> dict:
    command = [sys.executable, __file__, "--child", json.dumps(arguments)]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if finished.returncode != 0:
        raise RuntimeError(f"benchmark child {arguments} failed:\n{finished.stderr[-3000:]}")
    return json.loads(finished.stdout.strip().splitlines()[-1])


def _child_main(payload: str) -> None:
    options = json.loads(payload)
    result = child_full(Path(options[0]), cache_dir=Path(options[1]), stem=options[2], workers=options[3],
                        engine=options[4], incremental=options[5])  # fmt: skip
    print(json.dumps(result))


# ---------------------------------------------------------------------- naive baseline
def naive_rates(base: pd.DataFrame, *, n_plain: int, n_stemmed: int) -> dict:
    from utils import actors
    from utils.text import stopwords

    actor_table = actors.load_actors()
    words = stopwords.load_stopwords()
    plain = base["text"].iloc[:n_plain]
    stemmed = base["text"].iloc[:n_stemmed]
    seconds_plain, _ = naive.timed(naive.naive_pipeline, plain, stopwords=words, actors=actor_table)
    seconds_stemmed, _ = naive.timed(
        naive.naive_pipeline, stemmed, stopwords=words, actors=actor_table, stem=True
    )
    naive.spacy_tokens(plain.iloc[:5])  # load spaCy before timing
    seconds_spacy, _ = naive.timed(naive.spacy_tokens, plain)
    mb_plain, mb_stemmed = _text_mb(plain), _text_mb(stemmed)
    return {
        "naive_mb_s": mb_plain / seconds_plain,
        "naive_stemmed_mb_s": mb_stemmed / seconds_stemmed,
        "spacy_mb_s": mb_plain / seconds_spacy,
        "naive_n": n_plain, "naive_stemmed_n": n_stemmed, "naive_mb": mb_plain, "naive_stemmed_mb": mb_stemmed,
    }  # fmt: skip


# ---------------------------------------------------------------------- report
def stage_table(runs: list[dict]) -> pd.DataFrame:
    rows = []
    for run in runs:
        whole = {
            "stage": "WHOLE PIPELINE",
            "seconds": run["total_s"],
            "cpu_s": run["cpu_s"],
            "rows": None,
        }
        for stage in [*run["stages"], whole]:
            rows.append({
                "corpus": f"{run['n_articles']:,}" + (" stemmed" if run["stem"] else ""),
                "stage": stage["stage"],
                "seconds": round(stage["seconds"], 2),
                "cpu_s": round(stage["cpu_s"], 2),
                "MB/s": round(run["mb"] / stage["seconds"], 1) if stage["seconds"] else float("inf"),
                "articles/s": round(run["n_articles"] / stage["seconds"]) if stage["seconds"] else 0,
                "peak_rss_mb": round(run["peak_rss_mb"]) if stage["stage"] == "WHOLE PIPELINE" else None,
            })  # fmt: skip
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="corpus sizes, comma-separated"
    )
    parser.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    parser.add_argument("--engine", default="pandas", choices=["pandas", "dask"])
    parser.add_argument("--naive-n", type=int, default=400, help="articles in the naive subsample")
    parser.add_argument("--naive-stemmed-n", type=int, default=60, help="articles, naive stemmed")
    parser.add_argument(
        "--stemmed-size", type=int, default=10000, help="corpus size for the stemmed run"
    )
    parser.add_argument("--workdir", default=str(WORKDIR))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child_main(args.child)
        return 0
    if not paths.INDOSUM_FILE.exists():
        print(f"the shared IndoSum corpus is missing ({paths.INDOSUM_FILE}); nothing to benchmark")
        return 1
    workdir = Path(args.workdir)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    base = corpora.load_jsonl(paths.INDOSUM_FILE)
    print(f"IndoSum: {len(base):,} articles; building corpora {sizes} in {workdir}", flush=True)
    files = {size: corpora.build_corpus(base, size, workdir) for size in sizes}
    files[len(base)] = corpora.build_corpus(base, len(base), workdir)

    def full(size: int, *, stem: bool = False, incremental: bool = False) -> dict:
        label = f"{size:,} articles" + (", stemmed" if stem else "")
        print(f"running the pipeline on {label} ...", flush=True)
        cache_dir = workdir / f"cache-{size}{'-stem' if stem else ''}"
        run = _child(
            [str(files[size]), str(cache_dir), stem, args.workers, args.engine, incremental]
        )
        print(
            f"  {run['total_s']:.1f} s, {run['mb'] / run['total_s']:.2f} MB/s, peak {run['peak_rss_mb']:.0f} MB",
            flush=True,
        )
        return run

    runs = [full(size, incremental=(size == sizes[-1])) for size in sizes]
    three = full(len(base), incremental=True)
    stemmed_size = max([s for s in sizes if s <= args.stemmed_size] or [sizes[0]])
    files.setdefault(stemmed_size, corpora.build_corpus(base, stemmed_size, workdir))
    try:
        import utils.text.stemming  # noqa: F401 - the project's stemmer
    except ImportError as error:
        print(f"stemmed run skipped: {error}")
        stemmed = None
    else:
        stemmed = full(stemmed_size, stem=True)
    print("running the naive baseline ...", flush=True)
    rates = naive_rates(base, n_plain=args.naive_n, n_stemmed=args.naive_stemmed_n)

    pd.set_option("display.width", 140)
    pd.set_option("display.max_rows", 200)
    print(f"\nLoad average now (other processes compete for the cores): {os.getloadavg()[0]:.2f}; "
          f"cores: {os.cpu_count()}")  # fmt: skip
    print(
        "Per stage (each corpus in a fresh process, empty cache; cpu_s = CPU seconds, workers included):"
    )
    print(stage_table([*runs, *([stemmed] if stemmed else [])]).to_string(index=False))
    print("\nScaling (whole pipeline):")
    scaling = pd.DataFrame([{"articles": r["n_articles"], "MB": round(r["mb"], 1), "seconds": round(r["total_s"], 2),
                             "MB/s": round(r["mb"] / r["total_s"], 2), "peak_rss_mb": round(r["peak_rss_mb"])}
                            for r in runs])  # fmt: skip
    scaling["seconds per 1k articles"] = (scaling["seconds"] / scaling["articles"] * 1000).round(3)
    print(scaling.to_string(index=False))
    largest = runs[-1]
    print(f"\nIncremental, {largest['n_articles']:,} articles: re-run with nothing new {largest['rerun_s']:.2f} s; "
          f"after adding one article {largest['add_one_s']:.2f} s (JSONL load not included)")  # fmt: skip
    print(
        "  nothing new, by stage: "
        + ", ".join(f"{step['stage']} {step['seconds']:.2f} s" for step in largest["rerun_stages"])
    )
    print(
        "  adding one, by stage: "
        + ", ".join(
            f"{step['stage']} {step['seconds']:.2f} s" for step in largest["add_one_stages"]
        )
    )
    print(
        f"Issue 5, IndoSum {three['n_articles']:,} articles: full run {three['total_s']:.2f} s; "
        f"re-run with nothing new {three['rerun_s']:.2f} s; after adding one article {three['add_one_s']:.2f} s"
    )
    end_to_end = largest["mb"] / largest["total_s"]
    stemmed_rate = stemmed["mb"] / stemmed["total_s"] if stemmed else float("nan")
    print(f"\nNaive notebook on {rates['naive_n']} articles ({rates['naive_mb']:.2f} MB): {rates['naive_mb_s']:.3f} MB/s; "
          f"stemmed on {rates['naive_stemmed_n']} articles: {rates['naive_stemmed_mb_s']:.3f} MB/s; "
          f"spaCy blank('id') tokeniser alone: {rates['spacy_mb_s']:.2f} MB/s")  # fmt: skip
    print(
        f"Ours: {end_to_end:.2f} MB/s end to end ({end_to_end / rates['naive_mb_s']:.1f}x naive); "
        f"stemmed {stemmed_rate:.2f} MB/s ({stemmed_rate / rates['naive_stemmed_mb_s']:.1f}x naive stemmed)"
    )
    hundred_k = next((r["total_s"] for r in runs if r["n_articles"] == 100_000), float("nan"))
    peak = max(r["peak_rss_mb"] for r in [*runs, three, *([stemmed] if stemmed else [])])
    print(
        f"end_to_end_mb_s={end_to_end:.2f} naive_ratio={end_to_end / rates['naive_mb_s']:.2f} "
        f"stemmed_mb_s={stemmed_rate:.2f} stemmed_naive_ratio={stemmed_rate / rates['naive_stemmed_mb_s']:.2f} "
        f"articles_100k_s={hundred_k:.2f} peak_rss_mb={int(round(peak))} add_one_s={largest['add_one_s']:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
