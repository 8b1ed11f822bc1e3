"""``graph.explain`` and the other public functions stay callable, however often they are used."""

import importlib
import pkgutil
import types

import graph
from tests.conftest import DATA


def test_explain_can_be_called_again(tmp_path):
    graph.build([DATA], tmp_path)
    first = graph.explain("Chen Wei", tmp_path)
    assert first and first[0]["person"] == "Chen Wei"
    assert graph.explain("Chen Wei", tmp_path) == first
    assert graph.explain("Nobody Atall", tmp_path) == []


def test_no_public_name_is_shadowed_by_a_submodule():
    for module in pkgutil.walk_packages(graph.__path__, "graph."):
        importlib.import_module(module.name)
    shadowed = [name for name in graph.__all__ if isinstance(getattr(graph, name), types.ModuleType)]
    assert shadowed == []
