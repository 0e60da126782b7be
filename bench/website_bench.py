"""Benchmark: pages checked per minute by the website check on the fixture shop (tests/website/shop.py).

Run: `.venv/bin/python bench/website_bench.py [--pages 6] [--repeat 3]`
Serves the shop on 127.0.0.1 with its third parties mapped there (nothing leaves the machine), runs the three
passes (before any choice, after "reject all", after "accept all") in headless Debian chromium, and prints the
median pages per minute, counting each page once per pass.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

from django_setup import setup_django

setup_django()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ropa.website.browse import PASSES, Browser, Limits, Options  # noqa: E402
from tests.website.shop import Shop  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rates = []
    with Shop() as shop:
        options = Options(resolve=shop.resolve(), allow_private=True, confine=True, limits=Limits(pages=args.pages))
        for _run in range(args.repeat):
            started = time.perf_counter()
            seen = Browser(shop.url, options).run()
            seconds = time.perf_counter() - started
            pages = len(seen["pages"]) * len(PASSES)
            rates.append(pages / seconds * 60)
            print(f"{pages} pages in {seconds:.1f} s", file=sys.stderr)
    print(f"website check: {statistics.median(rates):.0f} pages per minute (median of {args.repeat}, "
          f"{args.pages} pages x {len(PASSES)} passes, fixture shop on 127.0.0.1)")


if __name__ == "__main__":
    main()
