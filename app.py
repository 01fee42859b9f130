"""Serve the app: ``python app.py [--host H] [--port P]``; ``create_app`` is in qa/web/app.py."""

from __future__ import annotations

import argparse
import logging
import sys

from qa.config import load_settings
from qa.web.app import create_app

__all__ = ["create_app", "main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the meeting-reports Q&A app.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7860)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    import uvicorn

    try:
        settings = load_settings()
    except Exception as exc:  # settings errors are user errors: one line, no traceback
        print(f"error: {exc}", file=sys.stderr)
        return 2
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    return 0


if __name__ == "__main__":
    sys.exit(main())
