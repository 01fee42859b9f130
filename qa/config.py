"""The app's settings from the environment (prefix MEETINGQA_), validated at start: the build
settings of index/config.py plus retrieval, the HTTP edge and the optional language model."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from index import config as build_config
from index.config import BuildSettings, SettingsError

__all__ = ["Settings", "SettingsError", "load_settings"]


class Settings(BuildSettings):
    """Where reports and the index live, how retrieval is done, and how the app serves."""

    retrieval_mode: Literal["hybrid", "dense", "bm25"] = "hybrid"
    top_k: int = Field(5, ge=1, le=50)
    rrf_k: int = Field(60, ge=1, le=1000)
    max_body_kb: int = Field(64, ge=1, le=100_000)  # HTTP request bodies under /api, /v1 and the chat's events
    rate_limit_per_minute: int = Field(600, ge=0)  # per client address; 0 turns it off
    cors_origins: list[str] = Field(default_factory=list)  # none: CORS off
    api_key: str | None = None  # enables POST/DELETE /api/documents (Bearer token); unset = disabled
    max_upload_mb: float = Field(5, gt=0, le=1024)
    reload_seconds: float = Field(2.0, ge=0, le=3600)  # how often the app looks for a rebuilt index; 0 = never
    watch_seconds: float = Field(3.0, ge=0, le=3600)  # how often the app looks at the reports folder; 0 = never
    llm_base_url: str | None = None  # an OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1
    llm_model: str = "local"
    llm_api_key: str | None = None
    llm_timeout: float = Field(20.0, gt=0, le=300)

    @field_validator("llm_base_url")
    @classmethod
    def _llm_url(cls, value: str | None) -> str | None:
        return build_config.http_url(value)


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment plus ``overrides``; SettingsError with a readable message."""
    return build_config.load_settings(Settings, **overrides)
