"""report.html: the tables, charts by mode and by question type, and every failure side by side."""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

KEYS = [
    ("answer_accuracy", "answer accuracy"),
    ("citation_support", "citation support"),
    ("citation_precision", "citation precision"),
    ("refusal_accuracy", "refusal accuracy"),
    ("false_refusal", "false refusal"),
]
RKEYS = ["hit@1", "hit@5", "hit@10", "mrr@10", "ndcg@10"]


def _fmt(v: object) -> str:
    return "–" if v is None else (f"{v:.3f}" if isinstance(v, float) else html.escape(str(v)))


def _search_p50(config: dict) -> float | None:
    latency = config.get("retrieval_latency_ms") or config.get("retrieval", {}).get("latency_ms") or {}
    return latency.get("p50")


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _charts(configs: dict[str, dict]) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = []
    names = list(configs)
    fig, ax = plt.subplots(figsize=(7, 3))
    metrics = [
        ("hit@1", lambda c: c["retrieval"].get("hit@1")),
        ("mrr@10", lambda c: c["retrieval"].get("mrr@10")),
        ("answer acc.", lambda c: c.get("answer_accuracy")),
        ("refusal acc.", lambda c: c.get("refusal_accuracy")),
    ]
    width = 0.8 / max(1, len(names))
    for i, name in enumerate(names):
        vals = [(get(configs[name]) or 0.0) for _, get in metrics]
        ax.bar([x + i * width for x in range(len(metrics))], vals, width, label=name)
    ax.set_xticks([x + width * (len(names) - 1) / 2 for x in range(len(metrics))], [m for m, _ in metrics])
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title("Metrics by configuration")
    out.append(_png(fig))
    plt.close(fig)
    first = configs[names[0]]
    types = sorted(t for t, v in first.get("by_type", {}).items() if v.get("answer_accuracy") is not None)
    if types:
        fig, ax = plt.subplots(figsize=(7, 3))
        ax.bar(types, [first["by_type"][t]["answer_accuracy"] for t in types], color="#1a7f37")
        ax.set_ylim(0, 1.05)
        ax.set_title(f"Answer accuracy by question type ({names[0]})")
        ax.tick_params(axis="x", labelrotation=30)
        out.append(_png(fig))
        plt.close(fig)
    return out


def write_report(path: Path, configs: dict[str, dict], records: list[dict]) -> None:
    """One self-contained HTML page (charts embedded); all text from the data is escaped."""
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td>"
        + "".join(f"<td>{_fmt(c.get('retrieval', {}).get(k))}</td>" for k in RKEYS)
        + "".join(f"<td>{_fmt(c.get(k))}</td>" for k, _ in KEYS)
        + f"<td>{_fmt(_search_p50(c))}</td></tr>"
        for name, c in configs.items()
    )
    head = (
        "<tr><th>config</th>"
        + "".join(f"<th>{k}</th>" for k in RKEYS)
        + "".join(f"<th>{label}</th>" for _, label in KEYS)
        + "<th>search p50 ms*</th></tr>"
    )
    first = next(iter(configs.values()))
    types = "".join(
        f"<tr><td>{html.escape(t)}</td><td>{v['n']}</td>"
        + "".join(f"<td>{_fmt(v.get(k))}</td>" for k, _ in KEYS)
        + f"<td>{_fmt((v.get('retrieval') or {}).get('hit@1'))}</td></tr>"
        for t, v in first.get("by_type", {}).items()
    )
    failures = [r for r in records if not r["correct"] and r.get("config", "") == next(iter(configs))]
    fail_rows = "".join(
        f"<tr><td>{html.escape(r['id'])}<br><small>{html.escape(r['type'])}</small></td>"
        f"<td>{html.escape(r['question'])}</td>"
        f"<td>{html.escape(' | '.join(r['gold']) or '(không có: phải từ chối)')}</td>"
        f"<td>{html.escape(r['answer'])}<br><small>{html.escape('; '.join(r.get('reasons', [])))}</small></td>"
        f"<td>{html.escape(r.get('evidence') or '')}</td></tr>"
        for r in failures
    )
    charts = "".join(f'<img alt="chart" src="{src}">' for src in _charts(configs))
    page = f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Evaluation report</title>
<style>body{{font-family:sans-serif;margin:2rem;max-width:1200px}}table{{border-collapse:collapse;margin:1rem 0}}
td,th{{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;font-size:.9rem}}th{{background:#f3f3f3}}
img{{max-width:100%;margin:.5rem 0}}</style></head><body>
<h1>Evaluation report</h1>
<p>{len({r["id"] for r in records})} questions; configuration details in metrics.json.</p>
<h2>By configuration</h2><table>{head}{rows}</table>
<p><small>* Query embeddings are cached within a run, so only the first configuration of an embedder pays for
embedding each question.</small></p>
{charts}
<h2>By question type ({html.escape(next(iter(configs)))})</h2>
<table><tr><th>type</th><th>n</th>{"".join(f"<th>{label}</th>" for _, label in KEYS)}<th>hit@1</th></tr>{types}</table>
<h2>Failures ({len(failures)})</h2>
<table><tr><th>id</th><th>question</th><th>gold</th><th>answer</th><th>evidence</th></tr>{fail_rows}</table>
</body></html>"""
    path.write_text(page, encoding="utf-8")
