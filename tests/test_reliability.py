"""What a build guarantees under crashes, concurrent builds and corrupt output folders.

Each test is a finding of a deliberate attempt to break wgkg, kept as a specification.
"""

import importlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import outdir
from graph.build import build, code_digest
from graph.cli import cli
from graph.query import find_query, run_query
from graph.store import open_store
from graph.validate import validate
from tests.conftest import DATA

REMOVED = "2025/2025-06-26-minutes-of-the-timestamping-working-group.md"


def meetings(out) -> list[list[str]]:
    return run_query(open_store(out), find_query("meetings")).rows


def run_build(*args: str):
    return CliRunner().invoke(cli, ["build", *args])


@pytest.fixture()
def built(tmp_path):
    """The sample built into a fresh folder, and the rows of 'meetings'."""
    out = tmp_path / "out"
    build([DATA], out)
    return out, meetings(out)


# --- builds exclude each other, and an output folder is always one build's ---------------

def test_a_second_build_is_refused_naming_the_first(built):
    out, before = built
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from graph import outdir\n"
         f"with outdir.lock(Path({str(out)!r})):\n print('locked', flush=True); time.sleep(600)"],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent)
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = run_build(str(DATA), "--out", str(out))
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 2
    assert f"another build is writing {out} (pid {holder.pid}, started " in result.output
    assert meetings(out) == before
    assert run_build(str(DATA), "--out", str(out)).exit_code == 0  # the lock died with it


def test_a_stop_between_the_renames_leaves_one_whole_output(built, tmp_path, monkeypatch):
    out, before = built
    src = tmp_path / "src"
    shutil.copytree(DATA, src)
    (src / REMOVED).unlink()
    replace = os.replace

    def stop_at_graph_trig(a, b):
        if Path(b).name == "graph.trig":
            raise KeyboardInterrupt
        replace(a, b)

    monkeypatch.setattr(os, "replace", stop_at_graph_trig)
    with pytest.raises(KeyboardInterrupt):
        build([src], out)
    monkeypatch.undo()
    assert len(meetings(out)) == len(before) - 1  # the new store is in place, never none
    fresh = tmp_path / "fresh"
    build([src], fresh)
    assert (out / "graph.trig").read_bytes() == (fresh / "graph.trig").read_bytes()  # completed
    assert not (out / outdir.JOURNAL).exists()
    report = build([src], out)
    assert report.changed_graphs == 0 and report.repairs == []


# --- wgkg writes only into folders it made ------------------------------------------------

def test_a_folder_wgkg_did_not_make_is_refused_and_kept(tmp_path):
    proj = tmp_path / "proj"
    (proj / "store").mkdir(parents=True)
    (proj / "store" / "inventory.csv").write_text("item,count\n")
    result = run_build(str(DATA), "--out", str(proj))
    assert result.exit_code == 2
    assert "not made by wgkg" in result.output and "nothing was changed" in result.output
    assert sorted(p.name for p in proj.rglob("*")) == ["inventory.csv", "store"]


def test_a_store_folder_wgkg_did_not_make_is_refused(built):
    out, _ = built
    (out / "store").unlink()
    (out / "store").mkdir()
    (out / "store" / "inventory.csv").write_text("item,count\n")
    result = run_build(str(DATA), "--out", str(out))
    assert result.exit_code == 2 and "not a store made by wgkg" in result.output
    assert (out / "store" / "inventory.csv").exists()


def test_an_output_folder_that_cannot_be_made_is_a_usage_error(tmp_path):
    (tmp_path / "file").write_text("x")
    result = run_build(str(DATA), "--out", str(tmp_path / "file" / "out"))
    assert result.exit_code == 2 and "cannot write into output folder" in result.output


def test_empty_folders_and_outputs_of_earlier_versions_are_used(tmp_path, built):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_build(str(DATA), "--out", str(empty)).exit_code == 0
    assert (empty / outdir.MARKER).exists()
    out, before = built
    (out / outdir.MARKER).unlink()  # as an earlier version left it
    assert run_build(str(DATA), "--out", str(out)).exit_code == 0
    assert meetings(out) == before


# --- the store is checked against the manifest ---------------------------------------------

def _store_files(out: Path) -> list[Path]:
    return sorted(p for p in (out / "store").iterdir() if p.suffix == ".sst")


def test_an_emptied_store_is_rebuilt(built):
    out, before = built
    for f in (out / "store").iterdir():
        f.unlink()
    report = build([DATA], out)
    assert meetings(out) == before
    assert report.repairs and "loaded afresh" in report.repairs[0]
    assert json.loads((out / "report.json").read_text())["repairs"] == report.repairs


def test_a_manifest_of_another_build_does_not_keep_old_data(built, tmp_path):
    out, before = built
    src = tmp_path / "src"
    shutil.copytree(DATA, src)
    (src / REMOVED).unlink()
    other = tmp_path / "other"
    build([src], other)
    shutil.copy(other / "manifest.json", out / "manifest.json")
    build([src], out)
    assert len(meetings(out)) == len(before) - 1
    fresh = sorted(open_store(other).select("SELECT ?g ?s ?p ?o { GRAPH ?g { ?s ?p ?o } }").rows)
    assert sorted(open_store(out).select("SELECT ?g ?s ?p ?o { GRAPH ?g { ?s ?p ?o } }").rows) \
        == fresh


@pytest.mark.parametrize("damage", ["truncated-sst", "missing-sst", "garbage-in-sst",
                                    "manifest-list", "cache-list", "manifest-garbage"])
def test_corrupt_output_is_reported_and_rebuilt_without_a_traceback(built, damage):
    out, before = built
    if damage == "truncated-sst":
        os.truncate(_store_files(out)[0], 100)
    elif damage == "garbage-in-sst":
        largest = max(_store_files(out), key=lambda f: f.stat().st_size)
        with largest.open("r+b") as f:
            f.seek(largest.stat().st_size // 3)
            f.write(os.urandom(4096))
    elif damage == "missing-sst":
        _store_files(out)[0].unlink()
    elif damage == "manifest-list":
        (out / "manifest.json").write_text("[1,2]")
    elif damage == "cache-list":
        (out / "cache.json").write_text("[]")
    else:
        (out / "manifest.json").write_bytes(os.urandom(64))
    result = run_build(str(DATA), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert meetings(out) == before
    if damage != "cache-list":
        assert "note: " in result.output


@pytest.mark.parametrize("damage", ["truncated-sst", "missing-sst"])
def test_a_query_on_a_damaged_store_says_so_and_how_to_rebuild(built, damage):
    out, _ = built
    if damage == "truncated-sst":
        os.truncate(_store_files(out)[0], 100)
    else:
        _store_files(out)[0].unlink()
    result = CliRunner().invoke(cli, ["query", "meetings", "--store", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "is missing or damaged" in result.output and "wgkg build" in result.output


def test_validate_checks_the_store_queries_read(built):
    import pyoxigraph as ox

    out, _ = built
    assert validate(out) == []
    store = ox.Store(str((out / "store").resolve()))
    vote = next(iter(store.quads_for_pattern(
        None, ox.NamedNode("http://www.w3.org/ns/opengov#option"), ox.Literal("no"))))
    store.remove(vote)
    store.add(ox.Quad(vote.subject, vote.predicate, ox.Literal("maybe"), vote.graph_name))
    store.flush()
    del store
    violations = validate(out)
    assert [v.path.endswith("opengov#option") for v in violations] == [True]


# --- odd file names and paths ---------------------------------------------------------------

def test_a_file_name_that_is_not_utf8_does_not_stop_the_build(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(DATA, src)
    raw = (DATA / REMOVED).read_bytes()
    with open(os.path.join(os.fsencode(src), b"minutes-\xff\xfe.md"), "wb") as f:
        f.write(raw.replace(b"2025-06-26", b"2025-06-27"))
    out = tmp_path / "out"
    result = run_build(str(src), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert not (out / "cache.json.tmp").exists()
    report = json.loads((out / "report.json").read_text())
    name = "minutes-\ufffd\ufffd.md"
    assert [p["message"] for p in report["problems"] if p["file"] == name][0].startswith(
        "the file name is not valid UTF-8")
    assert name in {r[0] for r in meetings(out)}
    assert run_build(str(src), "--out", str(out)).exit_code == 0  # the cache reads back


def test_x_md_and_x_index_md_are_two_meetings(tmp_path):
    src = tmp_path / "src"
    (src / "x").mkdir(parents=True)
    first = (DATA / REMOVED).read_text()
    (src / "x.md").write_text(first)
    (src / "x" / "index.md").write_text(first.replace("2025-06-26", "2025-06-27"))
    out = tmp_path / "out"
    assert build([src], out).exit_code == 0
    rows = meetings(out)
    assert sorted((r[0], r[2]) for r in rows) == [("x.md", "2025-06-26"),
                                                  ("x/index.md", "2025-06-27")]
    assert len({r[1] for r in rows}) == 2


def test_a_linked_markdown_file_is_reported(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(DATA, src)
    os.symlink(src / REMOVED, src / "linked.md")
    result = run_build(str(src), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "error: linked.md: a symbolic link" in result.output


@pytest.mark.parametrize("option", [["--seconds-per-file", "0.000001"],
                                    ["--max-line-chars", "0"], ["--max-line-chars", "-1"],
                                    ["--max-file-bytes", "0"]])
def test_impossible_limits_are_usage_errors(tmp_path, option):
    result = run_build(str(DATA), "--out", str(tmp_path / "out"), *option)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and option[0] in result.output


# --- the fact cache follows the code --------------------------------------------------------

@pytest.mark.parametrize("module", ["names.py", "config.py", "rdf.py", "kinds/meeting.py"])
def test_the_cache_digest_covers_every_module(tmp_path, module):
    package = Path(importlib.import_module("graph").__file__).parent
    copy = tmp_path / "graph"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    ontology = tmp_path / "ontology"
    ontology.mkdir()
    before = code_digest(copy, ontology)
    with (copy / module).open("a") as f:
        f.write("\n# one changed line\n")
    assert code_digest(copy, ontology) != before


def test_the_cache_digest_covers_ontology_data(tmp_path):
    package = tmp_path / "graph"
    package.mkdir()
    ontology = tmp_path / "ontology"
    ontology.mkdir()
    (ontology / "organizations.yaml").write_text("Acme: [ACME]\n")
    before = code_digest(package, ontology)
    (ontology / "organizations.yaml").write_text("Acme: [ACME, Acme Inc]\n")
    assert code_digest(package, ontology) != before


def test_a_cache_of_other_code_is_not_used(tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([DATA], out)
    assert all(f.cached for f in build([DATA], out).files)
    monkeypatch.setattr(importlib.import_module("graph.build"), "EXTRACTOR_VERSION", "changed")
    assert not any(f.cached for f in build([DATA], out).files)


# --- one file cannot stall or crash the build ------------------------------------------------

EXTRACT_ALL = importlib.import_module("graph.build").extract_all


def _stuck_in_c(doc, config, model=None):
    """Extraction that no signal interrupts (as a regular expression running in C)."""
    import signal
    import time

    if doc.path == "stuck.md":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(600)
    if doc.path == "crash.md":
        os._exit(3)
    return EXTRACT_ALL(doc, config, model)


DOCUMENT_LINES = importlib.import_module("graph.build").document_lines


def _slow_to_write(path, *args):
    if path == "slow.md":
        import time

        time.sleep(600)
    return DOCUMENT_LINES(path, *args)


def test_the_time_limit_covers_writing_a_graph(tmp_path, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("good.md", "slow.md"):
        shutil.copy(DATA / REMOVED, src / name)
    monkeypatch.setattr(importlib.import_module("graph.build"), "document_lines", _slow_to_write)
    report = build([src], tmp_path / "out", seconds_per_file=1, jobs=1)
    failed = {f.path: f.problems[-1].message for f in report.failed}
    assert list(failed) == ["slow.md"] and "writing its graph took longer than 1 s" in failed["slow.md"]
    assert [r[0] for r in meetings(tmp_path / "out")] == ["good.md"]
    assert report.counts["Meeting"] == 1 and report.exit_code == 1


def test_a_file_that_no_signal_stops_is_killed_and_the_build_goes_on(tmp_path, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("good.md", "stuck.md", "crash.md"):
        shutil.copy(DATA / REMOVED, src / name)
    monkeypatch.setattr(importlib.import_module("graph.build"), "extract_all", _stuck_in_c)
    report = build([src], tmp_path / "out", seconds_per_file=1, jobs=2)
    failed = {f.path: f.problems[-1].message for f in report.failed}
    assert sorted(failed) == ["crash.md", "stuck.md"]
    assert "still being read at the time limit" in failed["stuck.md"]
    assert "the worker reading the file died (exit code 3" in failed["crash.md"]
    assert [r[0] for r in meetings(tmp_path / "out")] == ["good.md"]


def test_two_files_that_would_be_one_meeting_are_an_error_not_a_merge(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(DATA / REMOVED, src / "x.md")
    single = tmp_path / "single" / "x"  # a file given by name is read whatever its suffix
    single.parent.mkdir()
    shutil.copy(DATA / REMOVED, single)
    report = build([src, single], tmp_path / "out")
    assert [(f.path, f.problems[-1].message) for f in report.failed] == [
        ("x.md", "x.md would be the same record as x (https://w3id.org/wgkg/id/meeting/x); "
                 "rename one of them")]
    assert [r[0] for r in meetings(tmp_path / "out")] == ["x"]


@pytest.mark.parametrize("point", ["new store generation", "graph.trig.tmp"])
def test_kill_9_during_a_build_leaves_a_usable_output(built, tmp_path, point):
    import signal
    import time

    out, before = built
    src = tmp_path / "src"
    shutil.copytree(DATA, src)
    (src / REMOVED).unlink()
    generations = set(out.glob(".store-*"))
    proc = subprocess.Popen([sys.executable, "-c", "from graph.cli import main; main()", "build",
                             str(src), "--out", str(out), "-q"],
                            cwd=Path(__file__).resolve().parent.parent,
                            stderr=subprocess.DEVNULL)
    while proc.poll() is None:
        if (set(out.glob(".store-*")) - generations if point.startswith("new")
                else (out / "graph.trig.tmp").exists()):
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.001)
    proc.wait()
    assert len(meetings(out)) in (len(before), len(before) - 1)  # the old output or the new
    build([src], out)
    fresh = tmp_path / "fresh"
    build([src], fresh)
    assert (out / "graph.trig").read_bytes() == (fresh / "graph.trig").read_bytes()
    assert meetings(out) == meetings(fresh)
