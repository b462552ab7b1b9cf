"""Write a synthetic many-outlet corpus from IndoSum texts, to check the per-outlet figures.

Each IndoSum article gets one of ``--n-outlets`` host names as its ``outlet`` (and a URL on
that host): first sections and regional sites of outlets that ``data/outlets.csv`` knows
(``jogja.antaranews.com``, ``ekonomi.republika.co.id``), then made-up regional hosts that it
does not know (``koran-NN.example.id``, reported as candidates). Outlet sizes follow a long
tail, as in real mixed exports. The texts, dates and ids are IndoSum's; nothing is downloaded.

    .venv/bin/python scripts/make_outlet_corpus.py --out data/interim/outlets60/articles.jsonl
    make run CORPUS=data/interim/outlets60/articles.jsonl

>>> hosts = outlet_hosts(60)
>>> len(set(hosts)), hosts[:2]
(60, ['antaranews.com', 'jogja.antaranews.com'])
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from utils import paths  # noqa: E402

#: Known outlets with a section or regional site each (mapped by data/outlets.csv).
KNOWN_HOSTS = (
    "antaranews.com", "jogja.antaranews.com", "sumbar.antaranews.com", "economy.okezone.com",
    "news.okezone.com", "ekonomi.republika.co.id", "internasional.republika.co.id",
    "pusatdata.kontan.co.id", "investasi.kontan.co.id", "cnnindonesia.com", "nasional.tempo.co",
    "bisnis.tempo.co", "money.kompas.com", "regional.kompas.com", "finance.detik.com",
    "news.detik.com", "liputan6.com", "suara.com", "kumparan.com", "merdeka.com",
    "poskota.co.id", "ekonomi.bisnis.com", "jogja.bisnis.com", "ekbis.sindonews.com",
    "jogja.tribunnews.com", "tribunjateng.com", "jatim.inews.id", "jpnn.com", "viva.co.id",
    "bbc.com", "cnbcindonesia.com", "katadata.co.id", "mediaindonesia.com", "jawapos.com",
    "idntimes.com", "pikiran-rakyat.com", "harianjogja.com", "solopos.com",
    "suaramerdeka.com", "kr.co.id",
)  # fmt: skip


def outlet_hosts(n_outlets: int) -> list[str]:
    """``n_outlets`` distinct host names: known sections first, then unknown regional hosts."""
    hosts = list(KNOWN_HOSTS[:n_outlets])
    hosts += [f"koran-{i:02d}.example.id" for i in range(n_outlets - len(hosts))]
    return hosts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=str(paths.INDOSUM_FILE))
    parser.add_argument("--out", default="data/interim/outlets60/articles.jsonl")
    parser.add_argument("--n-outlets", type=int, default=60)
    parser.add_argument("--n-articles", type=int, default=1200)
    args = parser.parse_args(argv)
    hosts = outlet_hosts(args.n_outlets)
    # article i goes to outlet k with weight 1/(k+1): a long tail, every outlet at least once
    weights = [1 / (k + 1) for k in range(len(hosts))]
    total = sum(weights)
    quota = [max(1, round(args.n_articles * w / total)) for w in weights]
    slots = [host for host, q in zip(hosts, quota, strict=True) for _ in range(q)]
    out = paths.resolve(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with paths.resolve(args.source).open(encoding="utf-8") as source, out.open("w") as target:
        for line, host in zip(source, slots, strict=False):
            record = json.loads(line)
            slug = record["id"].split(":", 1)[-1]
            record.update(outlet=host, url=f"https://{host}/berita/{slug}")
            record.pop("source_dataset", None)
            target.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    print(f"{out}: {written} articles, {len(set(slots[:written]))} outlet host names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
