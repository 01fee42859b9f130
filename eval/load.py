"""``python -m eval.load [--requests 1000] [--concurrency 16] [--max-seconds 600]``: load the real server.

Starts ``python app.py`` on a free loopback port (rate limit off for the run), sends a bounded
number of /api/ask requests from a thread pool, and reports latency, errors, wrong-shaped
responses and how much the server's memory grew. It never sends anything off this machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import numpy as np

from eval.memory import rss_mb
from eval.server import running_app

PHRASINGS = [
    "",
    "Cho tôi hỏi: ",
    "Xin hỏi, ",
    "Vui lòng cho biết: ",
    "Anh chị cho hỏi ",
    "Hỏi: ",
    "Báo cáo cho biết: ",
    "Tôi cần biết: ",
    "Nhờ tra cứu: ",
    "Câu hỏi: ",
]
SHAPE = {"answer", "refused", "sources", "citations", "timings_ms"}


def run_load(
    questions: list[str], requests: int, concurrency: int, max_seconds: float, env: dict[str, str] | None = None
) -> dict:
    server_env = {**(env or {}), "MEETINGQA_RATE_LIMIT_PER_MINUTE": "0"}
    with running_app(server_env) as app:
        base = app.url.rstrip("/")
        server = app.proc
        batch = [
            PHRASINGS[(i // len(questions)) % len(PHRASINGS)] + questions[i % len(questions)] for i in range(requests)
        ]
        with httpx.Client(timeout=30, limits=httpx.Limits(max_connections=concurrency)) as client:
            for q in questions[:5]:  # warm the server before measuring its memory
                client.post(f"{base}/api/ask", json={"question": q})
            rss_before = round(rss_mb(server.pid) * 1024)
            stop_at = time.time() + max_seconds

            def one(q: str) -> tuple[float, int, bool]:
                if time.time() > stop_at:
                    return 0.0, 0, False
                t0 = time.perf_counter()
                try:
                    r = client.post(f"{base}/api/ask", json={"question": q})
                except httpx.HTTPError:
                    return (time.perf_counter() - t0) * 1000, -1, False
                ok = (
                    r.status_code == 200
                    and SHAPE <= set(r.json())
                    and all(1 <= n <= len(r.json()["sources"]) for n in r.json()["citations"])
                )
                return (time.perf_counter() - t0) * 1000, r.status_code, ok

            t0 = time.perf_counter()
            with ThreadPoolExecutor(max_workers=concurrency) as pool:
                results = list(pool.map(one, batch))
            wall = time.perf_counter() - t0
            rss_after = round(rss_mb(server.pid) * 1024)
    sent = [r for r in results if r[1] != 0]
    lat = [ms for ms, _, _ in sent]
    return {
        "requests": len(sent),
        "not_sent_time_limit": len(results) - len(sent),
        "concurrency": concurrency,
        "status_5xx": sum(1 for _, code, _ in sent if code >= 500),
        "transport_errors": sum(1 for _, c, _ in sent if c < 0),
        "wrong_shape_or_status": sum(1 for _, _, ok in sent if not ok),
        "p50_ms": round(float(np.percentile(lat, 50)), 1) if lat else None,
        "p95_ms": round(float(np.percentile(lat, 95)), 1) if lat else None,
        "requests_per_s": round(len(sent) / wall, 1),
        "seconds": round(wall, 1),
        "rss_before_mb": round(rss_before / 1024, 1),
        "rss_after_mb": round(rss_after / 1024, 1),
        "rss_growth_mb": round((rss_after - rss_before) / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.load", description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--max-seconds", type=float, default=600, help="stop sending after this long")
    parser.add_argument("--qa", default="eval/qa.jsonl")
    args = parser.parse_args(argv)
    if not (1 <= args.requests <= 100_000 and 1 <= args.concurrency <= 256):
        print("error: --requests 1..100000 and --concurrency 1..256", file=sys.stderr)
        return 2
    questions = [json.loads(line)["question"] for line in Path(args.qa).read_text("utf-8").splitlines() if line.strip()]
    result = run_load(questions, args.requests, args.concurrency, args.max_seconds)
    print(json.dumps(result, indent=2))
    bad = result["status_5xx"] or result["wrong_shape_or_status"] or result["rss_growth_mb"] > 50
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
