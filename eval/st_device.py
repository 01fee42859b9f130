"""The sentence-transformers backend where CUDA is: device chosen, fp16, vectors as on a CPU, throughput.

  python -m eval.st_device MODEL_FOLDER [--passages 20000] [--batches 32,128,512] [--out FILE]

Passages are 500-character windows of seeds/ and eval/distractors/, repeated up to --passages.
The backend (index/embedding.py: SentenceTransformerEmbedder) loads MODEL_FOLDER on CUDA in
fp16; the same model on the CPU in fp32 gives the reference vectors. Reported: the device and
weights' type, passages a second at each batch size, a query's p50, and the cosine between the
CUDA and CPU vectors of the same passages. Exit status 1 when CUDA was not used or a cosine is
under 0.99. Without CUDA it measures the CPU alone, and says so.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np


def windows() -> list[str]:
    texts = []
    for f in sorted(Path("seeds").glob("*.txt")) + sorted(Path("eval/distractors").glob("*")):
        t = " ".join(f.read_text("utf-8", errors="replace").split())
        texts += [t[i : i + 500] for i in range(0, len(t), 400)]
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.st_device", description=__doc__.split("\n")[0])
    parser.add_argument("model", help="a sentence-transformers model folder")
    parser.add_argument("--passages", type=int, default=20000)
    parser.add_argument("--batches", default="32,128,512", help="batch sizes to time on the device")
    parser.add_argument("--out", help="write the measurements as JSON here")
    args = parser.parse_args(argv)
    import torch

    from index.embedding import SentenceTransformerEmbedder

    def sync() -> None:
        if torch.cuda.is_available():
            torch.cuda.synchronize()

    texts = windows()
    many = (texts * (args.passages // len(texts) + 1))[: args.passages]
    out: dict = {"torch": torch.__version__, "cuda": torch.cuda.is_available(), "passages": len(many)}
    if out["cuda"]:
        out["gpu"] = torch.cuda.get_device_name(0)
    device = SentenceTransformerEmbedder(args.model)  # the backend's own choice of device and batch
    t = time.perf_counter()
    device.warm_up()
    out.update(load_s=round(time.perf_counter() - t, 2), device=device.device, batch=device.batch_size)
    out["weights"] = str(next(device._model.parameters()).dtype)
    device.embed_passages(many[:256])
    sync()
    rates = {}
    vectors = None
    for size in [int(b) for b in args.batches.split(",")]:
        device.batch_size = size
        t = time.perf_counter()
        vectors = device.embed_passages(many)
        sync()
        rates[size] = round(len(many) / (time.perf_counter() - t))
    out["passages_per_s_by_batch"] = rates
    times = []
    for i in range(50):
        t = time.perf_counter()
        device.embed_query(f"tỷ lệ hộ gia đình có cáp quang băng rộng {i}")
        times.append(time.perf_counter() - t)
    out["query_ms_p50"] = round(1000 * float(np.median(times)), 2)
    cpu = SentenceTransformerEmbedder(args.model, device="cpu")
    sub = many[:1000]
    t = time.perf_counter()
    reference = cpu.embed_passages(sub)
    out["cpu_passages_per_s"] = round(len(sub) / (time.perf_counter() - t))
    cos = np.sum(vectors[: len(sub)] * reference, axis=1)
    out["cosine_to_cpu"] = {"min": round(float(cos.min()), 5), "mean": round(float(cos.mean()), 5)}
    out["ok"] = bool(device.device == "cuda" and cos.min() > 0.99)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    if not out["cuda"]:
        print("no CUDA device here: the figures above are the CPU's", file=sys.stderr)
    if args.out:
        Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1), "utf-8")
    return 0 if out["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
