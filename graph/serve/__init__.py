"""``wgkg serve``: a read-only SPARQL 1.1 endpoint and query page over a build's embedded store.

    server = make_server("out", port=0)     # a free port; server.url says which
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ...
    server.shutdown(); server.server_close()

The modules, one job each: ``sparqltext`` reads what a query asks for,
``protocol`` reads a SPARQL Protocol request, ``formats`` chooses and writes
result formats, ``workers`` runs queries in processes that can be stopped,
``handler`` answers HTTP; ``static/`` is the query page.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from graph.serve.handler import Server, Settings
from graph.serve.workers import WorkerPool

__all__ = ["make_server", "serve", "Server", "DEFAULT_WORKERS"]

DEFAULT_WORKERS = max(2, min(4, os.cpu_count() or 2))


def make_server(out: Path | str = "out", host: str = "127.0.0.1", port: int = 7878,
                timeout: float = 30.0, max_rows: int = 100_000, workers: int = DEFAULT_WORKERS,
                query_dirs: list[Path] | None = None, quiet: bool = False) -> Server:
    """A server over the build in ``out``, bound but not yet serving (``port=0``: any free port)."""
    out = Path(out)
    if not (out / "store").is_dir():
        raise FileNotFoundError(f"no store in {out}: run 'wgkg build SOURCE --out {out}' first")
    if timeout <= 0 or max_rows <= 0 or workers <= 0:
        raise ValueError("the time limit, the row limit and the number of workers must be positive")
    settings = Settings(out, timeout, max_rows, list(query_dirs or []), quiet)
    pool = WorkerPool(workers, timeout, settings.query_dirs)
    try:
        return Server((host, port), settings, pool)
    except OSError:
        pool.close()
        raise


def serve(out: Path | str = "out", host: str = "127.0.0.1", port: int = 7878,
          on_ready: Callable[[Server], None] | None = None, **options) -> None:
    """Serve until interrupted (Ctrl-C); ``on_ready`` is called once listening (to print
    ``server.url``); ``options`` are :func:`make_server`'s."""
    server = make_server(out, host, port, **options)
    try:
        if on_ready:
            on_ready(server)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
