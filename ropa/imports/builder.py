"""Reading recognised sheets into an ImportPlan, checking every value the way the admin would.

Rows are matched to what exists by name: an organisation by its name, an activity by its controller and
name, a processor's-record entry by processor, client and name. Nothing here writes to the database.
"""

from collections import defaultdict

from ropa.imports.activity_rows import ActivityRows
from ropa.imports.columns import MatchedSheet
from ropa.imports.cookie_rows import CookieRows
from ropa.imports.lookups import Origin
from ropa.imports.organisation_rows import OrganisationRows
from ropa.imports.plan import ImportPlan
from ropa.imports.processor_record_rows import ProcessorRecordRows
from ropa.imports.processor_rows import ProcessorRows
from ropa.imports.purpose_rows import PurposeRows
from ropa.imports.title_rows import TitleRows
from ropa.imports.transfer_rows import TransferRows


class PlanBuilder(
    OrganisationRows, ProcessorRows, ActivityRows, PurposeRows, TransferRows, ProcessorRecordRows, CookieRows,
    TitleRows,
):
    """Sheets are read in the order their references need: organisations, processors, activities with their
    purposes and retention rules, transfers, the processor's record, and the cookie register."""

    def build(self, sheets: list[MatchedSheet]) -> ImportPlan:
        by_kind = defaultdict(list)
        for sheet in sheets:
            by_kind[sheet.kind].append(sheet)
        has_purposes, has_retention = bool(by_kind["purposes"]), bool(by_kind["retention"])
        self.sheet_kinds = {kind for kind, found in by_kind.items() if found}
        steps = [
            ("controllers", self.controller_row, self.resolve_representatives),
            ("processors", self.processor_row, self.resolve_sub_processors),
            ("activities", lambda origin, cells: self.activity_row(origin, cells, has_purposes, has_retention), None),
            ("purposes", self.purpose_row, None),
            ("retention", self.retention_row, self.finish_activities),
            ("transfers", self.transfer_row, None),
            ("processor_record", self.processor_record_row, None),
            ("cookies", self.cookie_row, None),
        ]
        for sheet in by_kind["activities"]:
            self.title_details(sheet)
        for kind, read_row, then in steps:
            for sheet in by_kind[kind]:
                for number, cells in sheet.rows:
                    read_row(Origin(sheet, number), cells)
            if then is not None:
                then()
        return self.plan
