"""wgkg: working-group records (minutes, ballot posts) as an RDF knowledge graph.

The library and the ``wgkg`` command are the same thing::

    import graph
    report = graph.build(["data"], "out")          # wgkg build data --out out
    df = graph.query("attendance", store="out")     # wgkg query attendance --store out
"""

from graph.build import BuildReport, build
from graph.explaining import explain
from graph.query import catalogue, query
from graph.store import open_store
from graph.validate import validate

__all__ = ["build", "BuildReport", "query", "catalogue", "open_store", "validate", "explain"]
__version__ = "0.1.0"
