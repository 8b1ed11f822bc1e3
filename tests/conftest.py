"""Shared fixtures: the real corpus (skipped with a reason when absent) and builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.build import build
from graph.config import load_config
from graph.kinds import extract_all
from graph.markdown import read_model
from graph.sources import parse_document, read_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "cabforum"
YEARS = [CORPUS / y for y in ("2022", "2023", "2024")]
DATA = ROOT / "data"
SEED = "2022-09-22-2022-09-22-minutes-of-the-code-signing-certificate-working-group.md"


def corpus_file(name: str) -> Path:
    """A file of the real corpus by its path below a year folder, e.g. '2022/x.md'."""
    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS}")
    return CORPUS / name


def real_doc(name: str):
    path = corpus_file(name)
    return read_document(path, path.name if "/" not in name[5:] else name[5:])


def doc_from(body: str, front: str = "title: 2025-01-09 Minutes of the Timestamping Working Group\n"
             "date: 2025-01-09\ntags: [Minutes]\nauthor: Grace Okafor\n", path: str = "t.md"):
    """A Document from a body written in a test (front matter added)."""
    return parse_document(path, f"---\n{front}---\n{body}".encode())


def facts_of(doc, kind=None):
    """The facts extracted from ``doc``; only those of record type ``kind`` when given."""
    facts = extract_all(doc, load_config())
    return [f for f in facts if kind is None or isinstance(f, kind)]


def blocks_of(doc):
    return read_model(doc).blocks


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory):
    """The real corpus (2022-2024) built once for the session."""
    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS}")
    out = tmp_path_factory.mktemp("corpus-build")
    report = build(YEARS, out)
    return out, report


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The bundled sample data/ built once for the session."""
    out = tmp_path_factory.mktemp("sample-build")
    report = build([DATA], out)
    return out, report
