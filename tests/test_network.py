import networkx as nx
import pytest

from graph.network import (
    add_metrics,
    attendance_graph,
    ballot_roles_graph,
    coattendance_graph,
    ego_graph,
    export,
    filter_graph,
    filter_rows,
    topics_graph,
    vote_similarity_graph,
    votes_graph,
)

ATT = [
    {"source": "a.md", "meeting": "m1", "date": "2025-01-09", "group": "G", "person": "Ann",
     "organization": "X"},
    {"source": "a.md", "meeting": "m1", "date": "2025-01-09", "group": "G", "person": "Bob",
     "organization": ""},
    {"source": "b.md", "meeting": "m2", "date": "2025-02-01", "group": "H", "person": "Ann",
     "organization": "Y"},
    {"source": "b.md", "meeting": "m2", "date": "2025-02-01", "group": "H", "person": "Bob",
     "organization": ""},
    {"source": "b.md", "meeting": "m2", "date": "2025-02-01", "group": "H", "person": "Cy",
     "organization": ""},
]


def test_attendance_is_bipartite_with_first_and_last_seen():
    g = attendance_graph(ATT)
    assert nx.is_bipartite(g)
    ann = g.nodes["person:Ann"]
    assert (ann["first_seen"], ann["last_seen"], ann["groups"], ann["count"]) == (
        "2025-01-09", "2025-02-01", "G; H", 2)


def test_coattendance_weights_equal_the_bipartite_projection():
    g = coattendance_graph(ATT)
    projected = nx.bipartite.weighted_projected_graph(
        attendance_graph(ATT), [n for n in attendance_graph(ATT) if n.startswith("person:")])
    assert sorted(g.edges(data="weight")) == sorted(projected.edges(data="weight"))
    assert g["person:Ann"]["person:Bob"]["weight"] == 2


def test_filters():
    assert len(filter_rows(ATT, group="G")) == 2
    assert len(filter_rows(ATT, date_from="2025-02-01")) == 3
    g = filter_graph(coattendance_graph(ATT), min_weight=2)
    assert list(g.edges) == [("person:Ann", "person:Bob")]
    assert set(filter_graph(coattendance_graph(ATT), top=2)) == {"person:Ann", "person:Bob"}
    assert set(ego_graph(coattendance_graph(ATT), "Cy")) == {"person:Ann", "person:Bob", "person:Cy"}
    with pytest.raises(KeyError):
        ego_graph(coattendance_graph(ATT), "Nobody")


def test_ballots_votes_similarity_topics():
    roles = [{"ballot": "B-1", "person": "Ann", "organization": "X", "role": "proposer",
              "source": "p.md"}]
    intents = [{"ballot": "", "proposal": "Malware proposal", "person": "Bob", "source": "m.md",
                "date": "2025-01-01"}]
    g = ballot_roles_graph(roles, intents)
    assert g["person:Bob"]["proposal:Malware proposal"]["role"] == "intended-endorser"
    votes = [{"ballot": b, "organization": o, "vote": v, "source": "p.md"}
             for b, o, v in [("B-1", "X", "yes"), ("B-1", "Y", "yes"), ("B-2", "X", "no"),
                             ("B-2", "Y", "yes")]]
    assert votes_graph(votes)["org:X"]["ballot:B-2"]["vote"] == "no"
    sim = vote_similarity_graph(votes)
    assert sim["org:X"]["org:Y"] == {"weight": 1, "agreement": 0.5}
    topics = topics_graph([{"person": "Ann", "topic": "Clocks", "date": "2025-01-01"},
                           {"person": "Bob", "topic": "clocks", "date": "2025-01-02"}])
    assert sorted(topics.neighbors("topic:clocks")) == ["person:Ann", "person:Bob"]


def test_metrics_and_exports(tmp_path):
    g = add_metrics(coattendance_graph(ATT))
    assert g.nodes["person:Ann"]["weighted_degree"] == 3
    assert "community" in g.nodes["person:Cy"] and "betweenness" in g.nodes["person:Cy"]
    for suffix in (".graphml", ".gexf"):
        path = export(g, tmp_path / f"g{suffix}")
        back = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
        assert back.number_of_edges() == 3
    with pytest.raises(ValueError):
        export(g, tmp_path / "g.png")
