"""Every notebook runs top to bottom in a fresh kernel on the sample data, and on several
folders of the real records."""

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import CORPUS

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_four_notebooks():
    assert [p.stem for p in NOTEBOOKS] == ["01-attendance", "02-ballots-and-endorsements",
                                           "03-network-analysis", "04-sparql-cookbook"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_and_with_one_parameter_cell(path):
    nb = json.loads(path.read_text())
    assert nb["cells"][0]["cell_type"] == "markdown"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    params = [c for c in code if "parameters" in c["metadata"].get("tags", [])]
    assert len(params) == 1 and "CORPUS" in "".join(params[0]["source"])
    text = "".join("".join(c["source"]) for c in code)
    assert "graph._" not in text and "from graph." not in text.replace(
        "from graph.network", "").replace("from graph.store", "").replace(
        "from graph.query", "").replace("from graph import views", "")


def _run(path, tmp_path, corpus=None):
    """The notebook executed with OUT (and CORPUS, when given) set; returns its outputs."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if "parameters" in cell.metadata.get("tags", []):
            cell.source = cell.source.replace('OUT = "../out/notebooks"',
                                              f'OUT = {str(tmp_path / "out")!r}')
            if corpus is not None:
                cell.source += f"\nCORPUS = {[str(c) for c in corpus]!r}"
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_shows_a_table_and_a_plot_or_view(path, tmp_path):
    outputs = _run(path, tmp_path)
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"].get("text/html", "") for o in outputs if "data" in o]
    assert any("<table" in h for h in html), "no table shown"
    assert any("image/png" in o.get("data", {}) for o in outputs) or any(
        "<iframe" in h for h in html), "no plot or view shown"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.stem.startswith(("02", "04"))],
                         ids=lambda p: p.stem)
def test_notebook_runs_on_several_folders_of_real_records(path, tmp_path):
    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS}")
    outputs = _run(path, tmp_path, [CORPUS / "2022", CORPUS / "2023"])
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(o["data"].get("text/html", "") for o in outputs if "data" in o)
    assert "(0 rows)" not in html and "Empty DataFrame" not in html
    if path.stem.startswith("02"):
        assert "CSC-18" in html  # the malware proposal of 2022-09-22 became CSC-18
