"""The demo's two breaches: a lost laptop notified in time, a newsletter list notified late with reasons."""

import pytest

from ropa.breaches.models import Breach, Notice, Status
from ropa.demo import consultancy


@pytest.fixture
def demo(demo_for_the_class, db):
    return {breach.organisation.name: breach for breach in Breach.objects.select_related("organisation")}


class TestTheDemoBreaches:
    """Tests that read the demo as one load wrote it (loaded once for the class: tests/conftest.py)."""

    def test_the_demo_holds_a_laptop_notified_in_time_and_a_newsletter_list_notified_late(self, demo):
        laptop = demo[consultancy.COMPANY.organisation.name]
        newsletter = demo["Verdifull.no"]
        assert laptop.status == Status.CLOSED and not laptop.was_notified_late
        assert newsletter.status == Status.NOTIFIED and newsletter.was_notified_late  # Art. 33(1): 99 h 45 min
        assert newsletter.delay_reasons.startswith("Vi trodde først")
        assert newsletter.description.startswith("En utvidelsesmodul i nettbutikken")  # "modul" is masculine in Bokmål
        assert laptop.notices.count() == 2 and newsletter.notices.filter(kind=Notice.Kind.FOLLOW_UP).exists()
        assert laptop.activities.get().organisation == laptop.organisation
        assert newsletter.personal_data_categories.filter(name="Marketing preferences and consents").exists()
        for breach in demo.values():
            breach.full_clean()  # the demo passes the rules it demonstrates
            for notice in breach.notices.all():
                notice.full_clean()  # the initial notice was sent when the breach says it was notified

    def test_loading_the_demo_again_writes_nothing(self, demo):
        counts = (Breach.history.count(), Notice.history.count())
        assert (Breach.history.count(), Notice.history.count()) == counts
        assert Breach.objects.count() == 2

    def test_the_demo_breaches_went_through_the_workflow(self, demo):
        """Legal moves only, also for demo data: assessing, then notified (then closed)."""
        laptop = demo[consultancy.COMPANY.organisation.name]
        statuses = list(laptop.history.order_by("history_id").values_list("status", flat=True))
        assert statuses[0] == Status.ASSESSING and statuses[-1] == Status.CLOSED
        assert Status.NOTIFIED in statuses


