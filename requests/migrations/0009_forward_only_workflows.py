"""A confirmation secret exists only while a request awaits confirmation; a sent e-mail was tried at least once.

Rows that break either rule (a secret left on a request a handler confirmed or withdrew, which the new
RightsRequest.save() clears) are mended before the constraints are added; the fix is no decision about the
request, so it is not written to history.
"""

from django.db import migrations, models


def mend(apps, schema_editor) -> None:
    RightsRequest = apps.get_model("requests", "RightsRequest")
    OutboxEmail = apps.get_model("requests", "OutboxEmail")
    RightsRequest.objects.exclude(status="awaiting_confirmation").exclude(confirmation_nonce="").update(
        confirmation_nonce="",
    )
    OutboxEmail.objects.filter(sent_at__isnull=False, attempts=0).update(attempts=1)


class Migration(migrations.Migration):
    dependencies = [
        ("requests", "0008_rights_take_effect_on_receipt"),
    ]

    operations = [
        migrations.RunPython(mend, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="outboxemail",
            constraint=models.CheckConstraint(
                condition=models.Q(("sent_at__isnull", True), ("attempts__gte", 1), _connector="OR"),
                name="outbox_sent_was_tried",
            ),
        ),
        migrations.AddConstraint(
            model_name="rightsrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(("confirmation_nonce", ""), ("status", "awaiting_confirmation"), _connector="OR"),
                name="rights_request_confirmation_secret_only_while_unconfirmed",
            ),
        ),
    ]
