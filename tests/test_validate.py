from graph.validate import validate


def test_sample_build_conforms(sample_build):
    out, _ = sample_build
    assert validate(out) == []


def test_real_corpus_build_conforms(corpus_build):
    out, _ = corpus_build
    assert validate(out) == []


def test_violations_name_the_node_and_its_source(sample_build, tmp_path):
    out, _ = sample_build
    trig = (out / "graph.trig").read_text()
    broken = trig.replace('<http://www.w3.org/ns/opengov#option> "no"',
                          '<http://www.w3.org/ns/opengov#option> "maybe"', 1)
    assert broken != trig
    (tmp_path / "graph.trig").write_text(broken)
    violations = validate(tmp_path)
    assert len(violations) == 1
    assert violations[0].source == "2025/2025-04-12-ballot-ts-2-revocation-of-timestamping-certificates.md"
    assert violations[0].path.endswith("opengov#option")
