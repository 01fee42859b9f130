"""Plain data types shared by ingestion, the store, retrieval and answering."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

FORMAT_VERSION = 2  # 2: passages read by offsets from the stored report texts (index/passages.py)


class QAError(Exception):
    """Base of the project's domain errors; the CLI and HTTP edges turn these into messages."""


class BadDocument(QAError):
    """A file that cannot be read as a report (empty, binary, undecodable)."""


class IndexNotFound(QAError):
    """No index folder where the settings point."""


class StoreUnavailable(QAError):
    """The vector store cannot be used: its client is not installed or its server does not answer."""


class IndexMismatch(QAError):
    """An index built by another embedder, chunker or format version, or a damaged one."""


REBUILD_HINT = "rebuild it with: python -m index build --rebuild"


@dataclass(frozen=True)
class Report:
    """One meeting report after cleaning: ``text`` is what chunk offsets point into."""

    doc: str  # file name, the report's id
    title: str
    date: str | None  # ISO, as precise as the text allows: "2022-08-08", "2024-07", "2023"
    label: str | None  # "Phiên họp thứ Ba", "Hội nghị sơ kết 6 tháng", ...
    text: str
    content_hash: str  # sha256 of the raw file bytes (and of its metadata sidecar, when there is one)
    body: str | None = None  # "Ủy ban Quốc gia về chuyển đổi số", "Tổ công tác Đề án 06", ...
    kind: str | None = None  # "phiên họp", "phiên họp chuyên đề", "hội nghị sơ kết", ...
    ordinal: int | None = None  # 3 for "Phiên họp thứ Ba"; a series of its own per kind
    sidecar: str | None = None  # "applied", "ignored: <reason>", or None when there is no <file>.meta.json

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    def meta(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "title": self.title,
            "date": self.date,
            "label": self.label,
            "body": self.body,
            "kind": self.kind,
            "ordinal": self.ordinal,
            **({"sidecar": self.sidecar} if self.sidecar else {}),
            "content_hash": self.content_hash,
            "chars": len(self.text),
        }


@dataclass(frozen=True)
class Chunk:
    """A passage of a report: ``report.text[start:end] == text``."""

    id: str
    doc: str
    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Skipped:
    """A file left out of the index, and why."""

    path: str
    reason: str


@dataclass
class Manifest:
    """What an index folder holds and how it was made; checked on every load."""

    format_version: int
    embedder: str
    dim: int
    chunker: dict[str, Any]
    documents: dict[str, dict[str, Any]]  # doc -> Report.meta()
    created_at: str
    chunks: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        return cls(**data)
