"""Time ``make run`` itself: every notebook, headless, through the runner, on a corpus file.

For each corpus, three runs of ``make run CORPUS=<file> OUTPUT_NAME=bench-<name>`` with their
own cache folder (``BERITA_CACHE_DIR``): *cold* (the cache emptied first), *warm* (nothing
new) and *add one* (the same corpus plus one new article, a real text with a closing line no
copy has). Each run reports the wall time of each notebook (the runner's own table) and of the
whole command, and the peak memory of the whole process tree (make, the runner, papermill,
the kernels and their worker processes), sampled from ``/proc`` every 0.2 s: the sum over the
tree of each process's PSS when ``/proc/<pid>/smaps_rollup`` is readable (pages shared by
forked workers counted once), else its RSS.

>>> parse_notebook_times("wall time per notebook:\\n  01-load-articles   2.5 s\\n  total   3.0 s\\n")
{'01-load-articles': 2.5, 'total': 3.0}
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = ("cold", "warm", "add_one")


def parse_notebook_times(stderr: str) -> dict[str, float]:
    """The runner's ``wall time per notebook`` table as {notebook: seconds} (``total`` too)."""
    times: dict[str, float] = {}
    if "wall time per notebook:" not in stderr:
        return times
    for line in stderr.split("wall time per notebook:")[-1].splitlines():
        found = re.match(r"\s+(\S+)\s+([\d.]+) s\s*$", line)
        if found:
            times[found.group(1)] = float(found.group(2))
    return times


def _children() -> dict[int, list[int]]:
    """{parent pid: child pids} of every process now."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:  # the process ended
            continue
        parent = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _memory_kb(pid: int) -> int:
    """PSS of a process in kB (RSS when smaps_rollup is not readable); 0 once it has ended."""
    for name, field in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}", encoding="ascii", errors="replace") as handle:
                for line in handle:
                    if line.startswith(field):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def tree_memory_mb(root: int) -> float:
    """The memory of ``root`` and all its descendants now, in MB (2**20 bytes)."""
    tree, todo, total = _children(), [root], 0
    while todo:
        pid = todo.pop()
        total += _memory_kb(pid)
        todo.extend(tree.get(pid, []))
    return total / 1024


class TreePeak:
    """Sample :func:`tree_memory_mb` of a process every ``interval`` s in a thread; keep the peak."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval, self.peak_mb = pid, interval, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, tree_memory_mb(self.pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def plus_one(corpus: Path) -> Path:
    """``corpus`` (JSONL) plus one new article: its first article with a new id and a closing
    line no copy has; written once beside it."""
    path = corpus.with_name(corpus.stem + "-plus-one.jsonl")
    if not path.exists():
        with open(corpus, encoding="utf-8") as handle:
            first = json.loads(handle.readline())
        first["id"] = f"{first['id']}#new"
        first["text"] = first["text"] + "\n\nArtikel tambahan."
        temporary = path.with_suffix(".tmp")
        shutil.copyfile(corpus, temporary)
        with open(temporary, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(first, ensure_ascii=False) + "\n")
        temporary.replace(path)
    return path


#: A kernel that could not bind its port (another process took it first on a busy machine):
#: not a failure of the notebooks, so that run is repeated once.
_PORT_RACE = "Address already in use"


def make_run(
    corpus: Path, *, output_name: str, cache_dir: Path, cold: bool = False, timeout: float = 7200
) -> dict:
    """One ``make run`` (repeated once if a kernel lost the race for its port): {"notebooks":
    {notebook: s}, "total_s": wall s of the command, "peak_rss_mb": ..., "load": ...}.
    ``cold``: empty the cache folder first (again before a repeat)."""
    if cold:
        shutil.rmtree(cache_dir, ignore_errors=True)
    try:
        return _make_run(corpus, output_name=output_name, cache_dir=cache_dir, timeout=timeout)
    except RuntimeError as error:
        if _PORT_RACE not in str(error):
            raise
        if cold:
            shutil.rmtree(cache_dir, ignore_errors=True)
        return _make_run(corpus, output_name=output_name, cache_dir=cache_dir, timeout=timeout)


def _make_run(corpus: Path, *, output_name: str, cache_dir: Path, timeout: float) -> dict:
    command = ["make", "--no-print-directory", "-C", str(ROOT), "run", f"CORPUS={corpus}",
               f"OUTPUT_NAME={output_name}"]  # fmt: skip
    environment = {**os.environ, "BERITA_CACHE_DIR": str(cache_dir)}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=environment)  # fmt: skip
    with TreePeak(process.pid) as peak:
        _, stderr = process.communicate(timeout=timeout)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        port_race = _PORT_RACE if _PORT_RACE in stderr else ""
        raise RuntimeError(f"make run CORPUS={corpus} failed:\n{stderr[-3000:]}{port_race}")
    return {"notebooks": parse_notebook_times(stderr), "total_s": seconds,
            "peak_rss_mb": peak.peak_mb, "load": os.getloadavg()[0]}  # fmt: skip


def notebook_runs(corpus: Path, *, workdir: Path, echo=print) -> dict[str, dict]:
    """Cold, warm and add-one ``make run`` on ``corpus`` (see the module docstring)."""
    cache_dir = workdir / f"notebook-cache-{corpus.stem}"
    output_name = f"bench-{corpus.stem}"
    results = {}
    for run, path in (("cold", corpus), ("warm", corpus), ("add_one", plus_one(corpus))):
        echo(f"make run on {corpus.name} ({run}) ...")
        results[run] = make_run(
            path, output_name=output_name, cache_dir=cache_dir, cold=run == "cold"
        )
        echo(f"  {results[run]['total_s']:.1f} s, peak {results[run]['peak_rss_mb']:.0f} MB, "
             f"load {results[run]['load']:.1f}")  # fmt: skip
    return results


def notebook_table(runs: dict[int, dict[str, dict]]):
    """One row per corpus size and run: the seconds of each notebook, the total, the peak."""
    import pandas as pd

    rows = []
    for size, by_run in sorted(runs.items()):
        for run in RUNS:
            result = by_run[run]
            rows.append({"articles": f"{size:,}", "run": run,
                         **{k: round(v, 1) for k, v in result["notebooks"].items() if k != "total"},
                         "runner_total_s": result["notebooks"].get("total"),
                         "make_run_s": round(result["total_s"], 1),
                         "peak_rss_mb": round(result["peak_rss_mb"]),
                         "load": round(result["load"], 1)})  # fmt: skip
    return pd.DataFrame(rows)
