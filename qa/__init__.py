"""Question answering over Vietnamese meeting reports: ``qa.load()`` then ``.search()``."""

from qa.config import Settings, load_settings
from qa.pipeline import Pipeline, load
from qa.retrieval import Hit

__all__ = ["Hit", "Pipeline", "Settings", "load", "load_settings"]
