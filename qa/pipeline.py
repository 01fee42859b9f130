"""The pipeline every way in uses: settings -> index (in line with the reports folder) -> retrieval.

Read top to bottom: ``load`` brings the index in line with the configured reports folder (built
when missing; new, changed and removed reports indexed incrementally), then ``Pipeline.search``
retrieves passages for a question.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence

from index.embedding import Embedder, make_embedder
from index.store import BuildResult, IndexData, load_index
from index.sync import sync as sync_folder
from qa.answering import Answer, Answerer, ExtractiveAnswerer, ReportTexts
from qa.config import Settings, load_settings
from qa.followup import resolve_followup
from qa.retrieval import Hit, Mode, Retriever

log = logging.getLogger(__name__)


class Pipeline:
    """A loaded index plus the embedder and retriever over it."""

    def __init__(self, settings: Settings, index: IndexData, embedder: Embedder) -> None:
        self.settings = settings
        self.index = index
        self.embedder = embedder
        self.stamp = index.stamp  # identity of the manifest file loaded (index.store.index_stamp)
        self.synced: BuildResult | None = None  # the sync that came before loading; None: loaded as found
        self.retriever = Retriever(index, embedder, mode=settings.retrieval_mode, rrf_k=settings.rrf_k)
        self.extractive = ExtractiveAnswerer(
            self.retriever.idf,
            index.documents,
            ReportTexts(index.chunks),
            restore=self.retriever.restore_diacritics,
            vocabulary=getattr(index.bm25, "vocab_dict", None),
        )
        # the ranker reads what the answerer finds in the first passages (qa/ranking.py)
        self.retriever.evidence = self.extractive.passage_evidence
        self.answerer: Answerer = self.extractive
        if settings.llm_base_url:  # the language model refines the extractive answer
            from qa.llm import LLMAnswerer

            self.answerer = LLMAnswerer(
                self.extractive,
                settings.llm_base_url,
                settings.llm_model,
                settings.llm_api_key,
                timeout=settings.llm_timeout,
            )

    WARM_CHUNKS = 5000  # below this many passages, analyse them all at start-up

    def warm_up(self) -> None:
        """Load the model and pre-analyse passages so the first questions are as fast as the rest."""
        self.embedder.embed_query("khởi động")
        self.retriever.restore_diacritics("khoi dong")
        if len(self.index.chunks) <= self.WARM_CHUNKS:
            self.extractive.warm_up(c.text for c in self.index.chunks)

    def search(
        self,
        question: str,
        k: int | None = None,
        *,
        docs: Iterable[str] | None = None,
        year: int | None = None,
        mode: Mode | None = None,
    ) -> list[Hit]:
        """Passages for ``question``, best first (at most ``k``; the settings' top_k by default)."""
        return self.retriever.search(question, k or self.settings.top_k, docs=docs, year=year, mode=mode)

    def ask(
        self,
        question: str,
        *,
        history: Sequence[str] = (),
        k: int | None = None,
        docs: Iterable[str] | None = None,
        year: int | None = None,
        mode: Mode | None = None,
    ) -> Answer:
        """A cited answer, or a refusal with the closest passages; ``history`` = earlier questions."""
        t0 = time.perf_counter()
        resolved = resolve_followup(question, history)
        hits = self.search(resolved, k, docs=docs, year=year, mode=mode)
        t1 = time.perf_counter()
        answer = self.answerer.answer(resolved, hits)
        t2 = time.perf_counter()
        answer.timings_ms = {"retrieval": round((t1 - t0) * 1000, 2), "answer": round((t2 - t1) * 1000, 2)}
        return answer

    @property
    def documents(self) -> dict[str, dict]:
        return self.index.documents


def load(
    settings: Settings | None = None, *, embedder: Embedder | None = None, progress: bool = True, sync: bool = True
) -> Pipeline:
    """A ready pipeline: settings from the environment, the index first brought in line with the reports folder.

    ``sync=False`` loads the index as it is on disk (one not made from a reports folder, say).
    """
    settings = settings or load_settings()
    embedder = embedder or make_embedder(settings.embedder)
    synced = None
    if sync:
        synced = sync_folder(
            settings.seeds_dir,
            settings.index_dir,
            embedder,
            settings.chunker,
            progress=progress,
            **settings.build_options(),
        )
        if synced.written:
            log.info(
                "index at %s brought in line with %s: %d added, %d updated, %d removed, metadata read anew for %d",
                settings.index_dir,
                settings.seeds_dir,
                len(synced.added),
                len(synced.updated),
                len(synced.removed),
                len(synced.reread),
            )
    pipeline = Pipeline(
        settings, load_index(settings.index_dir, embedder_id=embedder.id, params=settings.chunker), embedder
    )
    pipeline.synced = synced
    return pipeline
