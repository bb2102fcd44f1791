"""Network health (appendix §3.2–3.3): circles, brokers, bridges, ego redundancy, diversity.

The alter graph holds people only, never "me": two people are joined when they take part in one
interaction or were met at one event (weight: count decayed with a 4-year half-life), or one
names the other in `knows` or `met_via`. Co-mention is not acquaintance, so nothing weaker joins them. Every randomised call
is seeded and every output sorted, so reports diff cleanly.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import TYPE_CHECKING

import networkx as nx

from vaultnet.network.interactions import Interaction
from vaultnet.network.people import Person
from vaultnet.network.settings import Settings

if TYPE_CHECKING:
    from vaultnet.network.model import PersonStats

CAVEAT = (
    "alter–alter ties exist only where co-occurrence or relations were logged; being mentioned "
    "together is not knowing each other"
)


@dataclass(slots=True)
class Structure:
    people: int
    active_core: list[str]  # people with an interaction in the last 365 days
    edges: int
    circles: list[list[str]]  # Louvain communities of two or more, largest first
    modularity: float | None
    brokers: list[tuple[str, float]]  # (person, betweenness) for betweenness > 0, top first
    betweenness_samples: int  # sources sampled for betweenness; 0: computed exactly
    local_bridges: list[tuple[str, str]]
    effective_size: float | None  # on the active core; None: insufficient data
    efficiency: float | None
    constraint: float | None
    insufficient_data: bool
    diversity: dict[str, dict[str, object]] = field(default_factory=dict)  # attribute → Blau
    caveat: str = CAVEAT


def alter_graph(people: dict[str, Person], past: list[Interaction], today: date,
                events: list[tuple[date, list[str]]] | None = None) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(sorted(people))
    gatherings = [(i.date, i.people) for i in past] + [e for e in events or [] if e[0] <= today]
    for when, members_of in gatherings:
        members = sorted(p for p in set(members_of) if p in people)
        decay = 2 ** (-(today - when).days / 1461.0)
        for a, b in combinations(members, 2):
            weight = graph[a][b]["weight"] if graph.has_edge(a, b) else 0.0
            graph.add_edge(a, b, weight=weight + decay)
    for path, person in people.items():
        for other in [*person.knows, person.met_via]:
            if other is not None and other in people and other != path and not graph.has_edge(
                path, other
            ):
                graph.add_edge(path, other, weight=1.0)
    graph.remove_edges_from(list(nx.selfloop_edges(graph)))
    return graph


# Each sampled source costs one breadth-first search over the whole graph, so a fixed number
# of samples grows with the vault: 256 of them took 4 s on 3,500 people and 39 s on 17,500
# (networkx, 2 cores). The samples are capped by a budget of node and edge visits instead:
# unchanged up to about 15,000 of them, fewer beyond (never under 32), so the time stays flat.
MAX_SAMPLES = 256
MIN_SAMPLES = 32
VISIT_BUDGET = 4_000_000


def betweenness_samples(graph: nx.Graph) -> int:
    """How many sources the betweenness estimate samples (`nx.betweenness_centrality(k=…)`);
    never more than the graph has nodes (networkx refuses that, with a low exact limit)."""
    size = graph.number_of_nodes() + graph.number_of_edges()
    budget = max(MIN_SAMPLES, min(MAX_SAMPLES, VISIT_BUDGET // max(size, 1)))
    return min(budget, graph.number_of_nodes())


def compute_structure(people: dict[str, Person], past: list[Interaction],
                      stats: dict[str, PersonStats], settings: Settings, today: date,
                      events: list[tuple[date, list[str]]] | None = None) -> Structure:
    """`events`: (date, people met) of event notes, joined like an interaction's people."""
    graph = alter_graph(people, past, today, events or [])
    active = sorted(p for p, s in stats.items()
                    if s.last_contact is not None and 0 <= (today - s.last_contact).days < 365)
    circles: list[list[str]] = []
    modularity = None
    if graph.number_of_edges():
        found = nx.community.louvain_communities(graph, weight="weight", resolution=1,
                                                 seed=settings.seed)
        modularity = round(nx.community.modularity(graph, found, weight="weight"), 6)
        circles = sorted((sorted(c) for c in found if len(c) > 1), key=lambda c: (-len(c), c))
    samples = (betweenness_samples(graph)
               if graph.number_of_nodes() > settings.exact_betweenness_limit else 0)
    betweenness = nx.betweenness_centrality(
        graph, k=samples or None, seed=settings.seed, normalized=True
    ) if graph.number_of_edges() else {}
    brokers = sorted(((p, round(v, 6)) for p, v in betweenness.items() if v > 0),
                     key=lambda item: (-item[1], item[0]))
    bridges = sorted(tuple(sorted(e)) for e in nx.local_bridges(graph, with_span=False))
    core = graph.subgraph(active)
    n, t = core.number_of_nodes(), core.number_of_edges()
    insufficient = n == 0 or t < n / 2
    effective = efficiency = constraint = None
    if not insufficient:
        effective = round(n - 2 * t / n, 6)
        efficiency = round(effective / n, 6)
        constraint = round(_ego_constraint(core, stats), 6)
    diversity = {
        "company": _blau([people[p].company_name for p in active]),
        "source": _blau([people[p].source for p in active]),
    }
    return Structure(len(people), active, graph.number_of_edges(), circles, modularity,
                     brokers[:20], samples, [(a, b) for a, b in bridges], effective, efficiency,
                     constraint, insufficient, diversity)


def _ego_constraint(core: nx.Graph, stats: dict[str, PersonStats]) -> float:
    """Burt's constraint of "me" over the active core, summing only over common neighbours.

    Ego ties weigh the person's activity score A; nx.constraint on the ego node costs the cube
    of its degree (appendix §3.3), this costs one pass over the alter edges.
    """
    ego = {p: max(stats[p].activity, 1e-9) for p in core}
    ego_total = sum(ego.values())
    totals = {p: ego[p] + sum(d["weight"] for _, _, d in core.edges(p, data=True)) for p in core}
    indirect: Counter[str] = Counter()
    for q, j, data in core.edges(data=True):
        w = data["weight"]
        indirect[j] += (ego[q] / ego_total) * (w / totals[q])
        indirect[q] += (ego[j] / ego_total) * (w / totals[j])
    return sum((ego[j] / ego_total + indirect[j]) ** 2 for j in core)


def _blau(values: list[str | None]) -> dict[str, object]:
    known = [v for v in values if v]
    counts = Counter(known)
    index = 1 - sum((c / len(known)) ** 2 for c in counts.values()) if known else None
    return {"index": round(index, 6) if index is not None else None,
            "counts": dict(sorted(counts.items())), "missing": len(values) - len(known)}
