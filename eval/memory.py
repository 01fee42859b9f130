"""Resident memory of a process, for the benchmarks: now (psutil) and its high-water mark.

psutil reads the resident set on every platform it supports; it has no high-water mark, so the
peak is Linux's VmHWM where /proc has it, else the resident set now (a lower bound).
"""

from __future__ import annotations

from pathlib import Path

import psutil

MB = 1024 * 1024


def rss_mb(pid: int | None = None) -> float:
    """Resident set of ``pid`` (this process when None), in MB."""
    return psutil.Process(pid).memory_info().rss / MB


def peak_rss_mb(pid: int | None = None) -> float:
    """The most ``pid`` (this process when None) has held resident so far, in MB."""
    status = Path(f"/proc/{pid or 'self'}/status")
    try:
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return rss_mb(pid)


def mapped_mb(pid: int | None = None) -> float:
    """The part of the resident set that is pages of files mapped into memory (Linux: the index
    files the app maps, clean and shared, given back under memory pressure); 0 where unknown."""
    return getattr(psutil.Process(pid).memory_info(), "shared", 0) / MB
