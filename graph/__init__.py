"""wgkg: working-group records (minutes, ballot posts) as an RDF knowledge graph.

The library and the ``wgkg`` command are the same thing::

    import graph
    report = graph.build(["data"], "out")          # wgkg build data --out out
    df = graph.query("attendance", store="out")     # wgkg query attendance --store out
    graph.site("out", sources=["data"])              # wgkg site --store out --source data
"""

from graph.build import BuildReport, build
from graph.explaining import explain
from graph.query import catalogue, query
from graph.search import search
from graph.site import site  # the function; its modules stay importable as graph.site.*
from graph.store import open_store
from graph.validate import validate

__all__ = ["build", "BuildReport", "query", "catalogue", "search", "open_store", "validate",
           "explain", "site"]
__version__ = "0.1.0"
