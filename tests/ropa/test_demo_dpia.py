"""The demo's DPIA screenings (Art. 35): camera surveillance needs a DPIA and has one; payment does not."""

import pytest

from ropa.demo import dpia as demo_dpia
from ropa.models import Art30Item, Dpia, DpiaScreening, ListedProcessing, ProcessingActivity, RiskLevel, YesNoUnknown

pytestmark = pytest.mark.django_db


class TestTheDemoDpia:
    """Tests that read the demo as one load wrote it (loaded once for the class: tests/conftest.py)."""

    def test_the_camera_surveillance_is_listed_and_has_a_decided_dpia(self, demo_for_the_class):
        """Art. 35(4) (Datatilsynet's list: monitoring employees) and Art. 35(7): the assessment with its risks."""
        camera = ProcessingActivity.objects.get(name=demo_dpia.CAMERA.name)
        screening = camera.dpia_screening
        assert screening.listed_items() == [ListedProcessing.EMPLOYEE_MONITORING]
        assert len(screening.criteria_met()) == 2 and screening.dpia_required
        assert camera.dpia_required == YesNoUnknown.YES
        assessment = camera.dpias.get()
        assert assessment.decision == Dpia.Decision.PROCEED_WITH_MEASURES
        assert assessment.residual_risk == RiskLevel.LOW and not assessment.prior_consultation_required
        assert assessment.risks.count() == 3
        assert Art30Item.DPIA not in camera.missing_items()
        assessment.full_clean()

    def test_every_payment_activity_is_screened_as_not_needing_a_dpia_with_reasons(self, demo_for_the_class):
        """WP248: one criterion (financial data, highly personal) is met, and the reasoning says why that is enough."""
        payment = demo_dpia.payment_activities()
        assert len(payment) >= 3
        for organisation, name in payment:
            screening = DpiaScreening.objects.get(activity__organisation__name=organisation, activity__name=name)
            screening.full_clean()
            assert not screening.dpia_required and len(screening.criteria_met()) == 1
            assert screening.activity.dpia_required == YesNoUnknown.NO
            assert "kriterium 4" in screening.reasoning


