"""How the running app swaps in a new index: never missing one, never holding up other requests."""

import threading

from fastapi.testclient import TestClient

from app import create_app
from index.documents import add_report
from qa.pipeline import Pipeline
from qa.web.reload import reload_if_changed

NEW = "Phiên họp thứ Mười Hai năm 2026.\n\nCả nước có 81 trạm quan trắc số được đưa vào vận hành.".encode()
QUESTION = "Có bao nhiêu trạm quan trắc số được đưa vào vận hành?"


def test_an_index_rebuilt_before_the_app_starts_is_still_loaded(make_tiny_pipeline, tiny_seeds, fake_embedder):
    pipeline = make_tiny_pipeline(reload_seconds=0, watch_seconds=0)  # no loops: each look is the test's
    s = pipeline.settings
    add_report("d_moi.txt", NEW, tiny_seeds, s.index_dir, fake_embedder, s.chunker)  # lands before the first look
    with TestClient(create_app(s, pipeline=pipeline)) as c:
        assert "d_moi.txt" not in [d["doc"] for d in c.get("/api/documents").json()]
        assert reload_if_changed(c.app) is True
        assert "d_moi.txt" in [d["doc"] for d in c.get("/api/documents").json()]
        assert reload_if_changed(c.app) is False  # the one on disk is now the one served


def test_other_requests_are_served_while_an_upload_loads_the_new_index(make_client, monkeypatch):
    entered, release = threading.Event(), threading.Event()
    warm_up = Pipeline.warm_up

    def slow_warm_up(self):
        if len(self.documents) == 3:  # the new index (the tiny seeds hold 2 reports)
            entered.set()
            assert release.wait(30), "the test never released the load"
        warm_up(self)

    monkeypatch.setattr(Pipeline, "warm_up", slow_warm_up)
    auth = {"authorization": "Bearer s3cret"}
    with make_client(api_key="s3cret", reload_seconds=0, watch_seconds=0) as c:
        upload: dict = {}
        worker = threading.Thread(
            target=lambda: upload.update(
                r=c.post("/api/documents", files={"file": ("d_moi.txt", NEW, "text/plain")}, headers=auth)
            )
        )
        worker.start()
        try:
            assert entered.wait(30), "the upload never reached the load of the new index"
            served: dict = {}
            asker = threading.Thread(target=lambda: served.update(r=c.post("/api/ask", json={"question": QUESTION})))
            asker.start()
            asker.join(20)
            assert not asker.is_alive(), "a question waited for the upload's index load"
            assert served["r"].status_code == 200 and "81 trạm" not in served["r"].json()["answer"]  # the old index
        finally:
            release.set()
            worker.join(30)
        assert upload["r"].status_code == 200 and upload["r"].json()["added"] == ["d_moi.txt"]
        assert "81 trạm" in c.post("/api/ask", json={"question": QUESTION}).json()["answer"]
