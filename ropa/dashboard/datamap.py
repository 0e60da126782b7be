"""The data map: for each controller, activities → systems → processors → countries, laid out for an SVG.

Drawn on the server (no JavaScript: the admin's CSP allows none inline) from a fixed number of queries. A flow
ends in a country outside the EEA when a processor works there, a system stores data there or a transfer goes
there (Arts. 44–49); those flows and countries are marked.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django_countries import countries

from ropa.models import Organisation, ProcessingActivity, Processor, ProcessorUse, System, Transfer
from ropa.models.transfers import is_in_eea
from ropa.workspaces.access import visible

COLUMN_X = (8, 258, 508, 758)
NODE_WIDTH = 200
NODE_HEIGHT = 26
ROW_HEIGHT = 34
TOP = 30
LABEL_CHARS = 30
WIDTH = COLUMN_X[-1] + NODE_WIDTH + 8


@dataclass
class Node:
    key: tuple
    column: int
    label: str
    url: str = ""
    outside_eea: bool = False
    row: int = 0

    @property
    def x(self) -> int:
        return COLUMN_X[self.column]

    @property
    def y(self) -> int:
        return TOP + self.row * ROW_HEIGHT

    @property
    def short_label(self) -> str:
        return self.label if len(self.label) <= LABEL_CHARS else self.label[: LABEL_CHARS - 1] + "…"

    @property
    def text_x(self) -> int:
        return self.x + 8

    @property
    def text_y(self) -> int:
        return self.y + 17


@dataclass
class Edge:
    source: Node
    target: Node
    leaves_eea: bool = False

    @property
    def path(self) -> str:
        """A cubic curve from the right edge of the source to the left edge of the target."""
        x1, y1 = self.source.x + NODE_WIDTH, self.source.y + NODE_HEIGHT // 2
        x2, y2 = self.target.x, self.target.y + NODE_HEIGHT // 2
        middle = (x1 + x2) // 2
        return f"M{x1},{y1} C{middle},{y1} {middle},{y2} {x2},{y2}"


@dataclass
class ControllerMap:
    organisation: Organisation
    nodes: dict[tuple, Node] = field(default_factory=dict)
    edges: dict[tuple, Edge] = field(default_factory=dict)
    height: int = 0

    def node(self, key: tuple, column: int, label: str, url: str = "", outside_eea: bool = False) -> Node:
        if key not in self.nodes:
            self.nodes[key] = Node(key, column, label, url, outside_eea)
        return self.nodes[key]

    def connect(self, source: Node, target: Node) -> None:
        self.edges.setdefault((source.key, target.key), Edge(source, target, target.outside_eea))

    def lay_out(self) -> None:
        rows = defaultdict(int)
        for node in self.nodes.values():
            node.row = rows[node.column]
            rows[node.column] += 1
        self.height = TOP + max(rows.values(), default=1) * ROW_HEIGHT + 8

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def leaves_eea(self) -> bool:
        return any(edge.leaves_eea for edge in self.edges.values())

    def sorted_nodes(self) -> list[Node]:
        return sorted(self.nodes.values(), key=lambda node: (node.column, node.row))


def _country(map_: ControllerMap, code: str) -> Node:
    code = str(code).upper()
    return map_.node(("country", code), 3, f"{countries.name(code) or code} ({code})", outside_eea=not is_in_eea(code))


def _admin_url(model, pk: int) -> str:
    return reverse(f"admin:ropa_{model._meta.model_name}_change", args=[pk])


def data_maps(user) -> list[ControllerMap]:
    """One map per controller of the user's workspaces with activities other than retired ones: six queries."""
    activities = (
        visible(ProcessingActivity.objects.exclude(status=ProcessingActivity.Status.RETIRED), user)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("systems", queryset=System.objects.only("pk", "name", "vendor_id", "location")),
            Prefetch("processor_uses", queryset=ProcessorUse.objects.select_related("processor")),
            Prefetch("transfers", queryset=Transfer.objects.select_related("processor")),
        )
        .order_by("organisation__name", "organisation_id", "name")
    )
    processors_by_vendor = defaultdict(list)
    for processor in visible(Processor.objects.only("pk", "name", "organisation_id", "countries"), user):
        processors_by_vendor[processor.organisation_id].append(processor)

    maps: dict[int, ControllerMap] = {}
    for activity in activities:
        map_ = maps.setdefault(activity.organisation_id, ControllerMap(activity.organisation))
        source = map_.node(("activity", activity.pk), 0, activity.name, _admin_url(ProcessingActivity, activity.pk))
        used = {use.processor_id: use.processor for use in activity.processor_uses.all()}
        reached: set[int] = set()
        for system in activity.systems.all():
            system_node = map_.node(("system", system.pk), 1, system.name, _admin_url(System, system.pk))
            map_.connect(source, system_node)
            vendor_processors = [p for p in processors_by_vendor.get(system.vendor_id, []) if p.pk in used]
            for processor in vendor_processors:
                map_.connect(system_node, _processor(map_, processor))
                reached.add(processor.pk)
            if system.location and not vendor_processors:
                map_.connect(system_node, _country(map_, system.location.code))
        for processor in used.values():
            if processor.pk not in reached:
                map_.connect(source, _processor(map_, processor))
        for transfer in activity.transfers.all():
            if not transfer.destination_country:
                continue
            start = _processor(map_, transfer.processor) if transfer.processor_id else source
            map_.connect(start, _country(map_, transfer.destination_country.code))
    for map_ in maps.values():
        map_.lay_out()
    return list(maps.values())


def _processor(map_: ControllerMap, processor: Processor) -> Node:
    key = ("processor", processor.pk)
    if key not in map_.nodes:
        node = map_.node(key, 2, processor.name, _admin_url(Processor, processor.pk))
        for country in processor.countries:
            map_.connect(node, _country(map_, country.code))
    return map_.nodes[key]
