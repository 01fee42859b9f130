"""How the running app follows the reports folder and the index on disk.

A new index is loaded and warmed while requests keep using the old one, then served by a single
assignment: a request in flight finishes on the old index, the next one sees the new.
``follow_folder`` indexes reports dropped into the folder, ``reload_if_changed`` serves an index
rebuilt here or by another process; the app runs both in worker threads, never on the event loop.
"""

from __future__ import annotations

import logging
import threading

from index.store import index_stamp, load_index
from index.sync import FolderWatch, sync
from qa.pipeline import Pipeline

log = logging.getLogger("meetingqa.documents")
_SWAP = threading.Lock()


def reload_if_changed(app) -> bool:
    """Serve the index on disk when it is not the one served (rebuilt here or by another process).

    Loads and warms the new pipeline while requests keep using the old one, then swaps them in a
    single assignment; True when swapped.
    """
    with _SWAP:
        old: Pipeline = app.state.pipeline
        s = old.settings
        stamp = index_stamp(s.index_dir)
        if stamp is None or stamp == old.stamp:
            return False
        new = Pipeline(s, load_index(s.index_dir, embedder_id=old.embedder.id, params=s.chunker), old.embedder)
        new.warm_up()
        app.state.pipeline = new
    log.info("index changed on disk: now serving it (%d reports)", len(new.documents))
    return True


def follow_folder(app) -> None:
    """One look at the reports folder; once it changed and settled, sync the index and serve it."""
    watch: FolderWatch = app.state.folder
    if not watch.poll():
        return
    s = app.state.settings
    p: Pipeline = app.state.pipeline
    result = sync(s.seeds_dir, s.index_dir, p.embedder, s.chunker, **s.build_options())
    watch.record(result)
    if result.written:
        log.info(
            "reports folder changed: %d added, %d updated, %d removed, metadata read anew for %d",
            len(result.added),
            len(result.updated),
            len(result.removed),
            len(result.reread),
        )
    reload_if_changed(app)
