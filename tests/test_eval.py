"""Evaluation: metric definitions on handcrafted cases, and one end-to-end run on a subset."""

import json
import os
import subprocess
import sys

import pytest

from eval.metrics import answer_flags, answer_summary, contains_gold, retrieval_scores
from tests.conftest import QA_FILE, ROOT, SEEDS

GOLD = ["16,4 triệu tài khoản"]
PASSAGE = "Cung cấp dịch vụ công trực tuyến: đã có 16,4 triệu tài khoản trên Cổng Dịch vụ công quốc gia."


def test_gold_matching_normalises_case_nfc_and_numbers():
    assert contains_gold("ĐÃ CÓ 16,4 TRIỆU TÀI KHOẢN", GOLD)
    assert not contains_gold("đã có 16,5 triệu tài khoản", GOLD)
    assert contains_gold("xử lý 77732636 hóa đơn", ["77.732.636"])


def test_retrieval_scores_known_values():
    s = retrieval_scores(["khác", PASSAGE, "khác nữa"], GOLD, k=10)
    assert s["hit@1"] == 0.0 and s["hit@5"] == 1.0 and s["mrr@10"] == 0.5
    assert s["ndcg@10"] == pytest.approx(1 / 1.5849625, rel=1e-4)
    assert retrieval_scores([], GOLD)["hit@10"] == 0.0


def test_answer_flags_on_handcrafted_cases():
    right = answer_flags("Đã có 16,4 triệu tài khoản [1].", False, [PASSAGE], GOLD, PASSAGE)
    assert right == {
        "answerable": True,
        "correct": True,
        "supported": True,
        "refused": False,
        "cited_precise": 1.0,
    }
    wrong_number = answer_flags("Đã có 16,5 triệu tài khoản [1].", False, [PASSAGE], GOLD, PASSAGE)
    assert wrong_number["correct"] is False and wrong_number["supported"] is None
    wrong_citation = answer_flags("Đã có 16,4 triệu tài khoản [1].", False, ["Đoạn không liên quan."], GOLD, PASSAGE)
    assert wrong_citation["correct"] is True and wrong_citation["supported"] is False
    assert wrong_citation["cited_precise"] == 0.0
    refused = answer_flags("Không tìm thấy thông tin này.", True, [], GOLD, PASSAGE)
    assert refused["correct"] is False and refused["refused"] is True
    unanswerable_refused = answer_flags("Không tìm thấy.", True, [], [], "")
    unanswerable_answered = answer_flags("Có 5 [1].", False, ["Có 5."], [], "")
    summary = answer_summary(
        [right, wrong_number, wrong_citation, refused, unanswerable_refused, unanswerable_answered]
    )
    assert summary["answer_accuracy"] == 0.5  # 2 of 4 answerable
    assert summary["citation_support"] == 0.5  # 1 of the 2 correct
    assert summary["refusal_accuracy"] == 0.5 and summary["false_refusal"] == 0.25


@pytest.mark.slow
def test_eval_end_to_end_on_a_subset(real_index_copy, tmp_path):
    rows = [json.loads(line) for line in QA_FILE.read_text("utf-8").splitlines()]
    subset = [r for r in rows if r["id"] in {"d001", "d025", "d039", "d041"}]
    qa_file = tmp_path / "subset.jsonl"
    qa_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in subset), "utf-8")
    env = {**os.environ, "MEETINGQA_INDEX_DIR": str(real_index_copy), "MEETINGQA_SEEDS_DIR": str(SEEDS)}
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "eval", "--qa", str(qa_file), "--mode", "hybrid", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    metrics = json.loads((out / "metrics.json").read_text("utf-8"))
    assert metrics["retrieval"]["hybrid"]["n"] == 3
    answers = metrics["answers"]["hybrid"]
    assert answers["n"] == 4 and answers["unanswerable"] == 1
    results = [json.loads(line) for line in (out / "results.jsonl").read_text("utf-8").splitlines()]
    assert {r["id"] for r in results} == {"d001", "d025", "d039", "d041"}
    assert "answer accuracy" in run.stdout
