"""Crash safety: a build killed with SIGKILL at any point leaves the previous index loadable."""

import json
import textwrap

import pytest

from index.chunking import ChunkerParams
from index.store import build_index, load_index
from index.types import IndexMismatch
from tests.conftest import CRASH_CHILD_PRELUDE, kill_when_paused

PARAMS = ChunkerParams(200, 0)

# Rebuilds the index in a child process, pausing (and announcing it) at one chosen point.
CHILD = CRASH_CHILD_PRELUDE + textwrap.dedent("""
    store.build_index(seeds, index_dir, SlowEmbedder(), ChunkerParams(200, 0), rebuild=True)
    print("DONE", flush=True)
""")


@pytest.mark.parametrize("where", ["embedding", "writing-index", "between-renames"])
def test_sigkill_mid_build_leaves_the_previous_index(tiny_seeds, tmp_path, fake_embedder, where):
    index_dir = tmp_path / "idx"
    build_index(tiny_seeds, index_dir, fake_embedder, PARAMS)
    before = [c.id for c in load_index(index_dir).chunks]
    (tiny_seeds / "c_moi.txt").write_text("Phiên họp thứ Sáu bàn về dữ liệu số năm 2025.", "utf-8")
    kill_when_paused(CHILD, tiny_seeds, index_dir, where)
    idx = load_index(index_dir)  # the previous index, whole
    assert [c.id for c in idx.chunks] == before and "c_moi.txt" not in idx.documents
    again = build_index(tiny_seeds, index_dir, fake_embedder, PARAMS)  # and the next build completes
    assert "c_moi.txt" in load_index(index_dir).documents and again.added == ["c_moi.txt"]


def test_corrupted_files_name_the_rebuild_command(tiny_seeds, tmp_path, fake_embedder):
    index_dir = tmp_path / "idx"
    build_index(tiny_seeds, index_dir, fake_embedder, PARAMS)
    dense = index_dir / "dense.faiss"
    dense.write_bytes(dense.read_bytes()[: dense.stat().st_size // 2])
    with pytest.raises(IndexMismatch, match=r"python -m index build --rebuild"):
        load_index(index_dir)
    build_index(tiny_seeds, index_dir, fake_embedder, PARAMS, rebuild=True)
    manifest = json.loads((index_dir / "manifest.json").read_text())
    (index_dir / "manifest.json").write_text(json.dumps({**manifest, "dim": 7}))
    with pytest.raises(IndexMismatch, match=r"python -m index build --rebuild"):
        load_index(index_dir)
    (index_dir / "passages.npy").write_bytes(b"not a table")
    with pytest.raises(IndexMismatch, match=r"python -m index build --rebuild"):
        load_index(index_dir)
