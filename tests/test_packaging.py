"""The package works when installed from a wheel into a fresh environment, away from the checkout.

Offline: the wheel is built with this environment's setuptools (no build isolation),
installed without dependencies, and the fresh environment imports the dependencies
from this one's site-packages through a ``.pth`` file.
"""

from __future__ import annotations

import ast
import csv
import email
import importlib.metadata
import io
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What a build of the wheel reads; copied so that building leaves nothing in the checkout.
SOURCES = ["pyproject.toml", "setup.py", "README.md", "graph", "ontology"]
ENV = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PIP_", "VIRTUAL_ENV"))} | {
    "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, f"{' '.join(map(str, args))}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    (tmp / "src").mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, tmp / "src" / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, tmp / "src" / name)
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", tmp / "dist",
         tmp / "src", cwd=tmp)
    (found,) = (tmp / "dist").glob("wgkg-*.whl")
    return found


def _site(python: Path) -> Path:
    """The site-packages folder of ``python``'s environment."""
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    return Path(_run(python, "-c", code, cwd=python.parent).stdout.strip()).resolve()


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory) -> Path:
    """A fresh virtual environment, outside the checkout, with the wheel installed."""
    root = tmp_path_factory.mktemp("venv")
    _run(sys.executable, "-m", "venv", "--without-pip", root / "env", cwd=root)
    python = root / "env" / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", wheel, cwd=root)
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (_site(python) / "wgkg_test_dependencies.pth").write_text("".join(f"{p}\n" for p in sorted(ours)))
    return root / "env"


def test_wheel_holds_the_package_its_data_and_the_ontology(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"graph/{p.relative_to(ROOT / 'graph').as_posix()}" for p in (ROOT / "graph").rglob("*")
                if p.is_file() and "__pycache__" not in p.parts}
    expected |= {f"graph/ontology/{p.name}" for p in (ROOT / "ontology").iterdir() if p.is_file()}
    assert sorted(expected - names) == []
    assert not [n for n in names if not n.startswith(("graph/", "wgkg-"))]


def _imports() -> set[str]:
    """Top-level names of the third-party modules that the package imports."""
    found = set()
    for path in (ROOT / "graph").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"graph", "__future__"}


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_wheel_requires_every_package_the_code_imports(wheel: Path):
    with zipfile.ZipFile(wheel) as whl:
        (metadata,) = [n for n in whl.namelist() if n.endswith(".dist-info/METADATA")]
        requires = email.message_from_bytes(whl.read(metadata)).get_all("Requires-Dist") or []
    required = {_key(re.split(r"[\s<>=!~;\[(]", r, maxsplit=1)[0]) for r in requires if "extra ==" not in r}
    distributions = importlib.metadata.packages_distributions()
    missing = {m: distributions.get(m) for m in _imports()
               if not {_key(d) for d in distributions.get(m, [m])} & required}
    assert missing == {}, "imported by graph/ but not in [project] dependencies"


SHOW_FILES = """
import graph
from graph.config import ontology_path
from graph.query import QUERY_DIR
from graph.validate import SHAPES
print(graph.__file__, ontology_path("groups.yaml"), SHAPES, QUERY_DIR / "meetings.rq", sep="\\n")
"""


def test_installed_package_reads_its_own_files(venv: Path, tmp_path: Path):
    python = venv / "bin" / "python"
    shown = _run(python, "-c", SHOW_FILES, cwd=tmp_path).stdout.split()
    assert len(shown) == 4
    for path in shown:
        assert Path(path).resolve().is_relative_to(_site(python) / "graph"), path
        assert Path(path).is_file(), path


def test_installed_command_builds_and_queries(venv: Path, tmp_path: Path):
    wgkg = venv / "bin" / "wgkg"
    _run(wgkg, "build", ROOT / "data", "--out", tmp_path / "out", cwd=tmp_path)
    assert (tmp_path / "out" / "graph.trig").stat().st_size > 0
    table = _run(wgkg, "query", "meetings", "--store", tmp_path / "out", "--format", "csv", cwd=tmp_path)
    rows = list(csv.reader(io.StringIO(table.stdout)))
    assert rows[0] == ["source", "meeting", "date", "group", "title"]
    assert len(rows) > 1
    checked = subprocess.run([str(wgkg), "validate", "--store", str(tmp_path / "out")], cwd=tmp_path,
                             env=ENV, capture_output=True, text=True, timeout=600)
    assert checked.returncode in (0, 1), checked.stderr  # read the shapes; whether the build conforms
    assert re.search(r"conforms|violation", checked.stdout)  # is tests/test_validate.py's to say
    _run(wgkg, "view", "coattendance", "--store", tmp_path / "out", "-o", tmp_path / "v.html", cwd=tmp_path)
    assert "vis-network" in (tmp_path / "v.html").read_text(encoding="utf-8")
