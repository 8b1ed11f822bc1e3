"""wgkg: working-group records (minutes, ballot posts) as an RDF knowledge graph.

The library and the ``wgkg`` command are the same thing::

    import graph
    report = graph.build(["data"], "out")          # wgkg build data --out out
    df = graph.query("attendance", store="out")     # wgkg query attendance --store out
    graph.site("out", sources=["data"])              # wgkg site --store out --source data

Each function's module is imported on first use, so ``import graph`` (and ``wgkg query``)
does not load what only a build, a site or a view needs.
"""

import importlib
import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what type checkers and editors see; Python imports on first use
    from graph.build import BuildReport, build
    from graph.explaining import explain
    from graph.query import catalogue, query
    from graph.search import search
    from graph.site import site
    from graph.store import open_store
    from graph.validate import validate

__all__ = ["build", "BuildReport", "query", "catalogue", "search", "open_store", "validate",
           "explain", "site"]
__version__ = "0.1.0"

_MODULE = {"build": "graph.build", "BuildReport": "graph.build", "query": "graph.query",
           "catalogue": "graph.query", "search": "graph.search", "open_store": "graph.store",
           "validate": "graph.validate", "explain": "graph.explaining", "site": "graph.site"}
"""Where each public name is defined."""


def __getattr__(name: str) -> object:
    """The public function or class ``name``, imported from its module on first use."""
    if name not in _MODULE:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    return getattr(importlib.import_module(_MODULE[name]), name)


class _Package(types.ModuleType):
    """``graph.build``, ``graph.query``, ``graph.site``… stay the functions when the
    modules of the same name are imported (Python sets a module as an attribute of its
    package; this puts the function there instead)."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) and _MODULE.get(name) == value.__name__:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
