"""Seed the Art. 45 adequacy decisions in force, each with a history row, so later edits are traceable.

Existing rows for the same destination are left alone: the migration is safe on a database edited by hand.
"""

import datetime

from django.db import migrations

D = datetime.date

# (country, international organisation, decision, adopted, expires, scope, DPF-certified only, awaiting EEA)
DECISIONS = [
    ("AD", "", "Commission Decision 2010/625/EU", D(2010, 10, 19), None, "", False, False),
    ("AR", "", "Commission Decision 2003/490/EC", D(2003, 6, 30), None, "", False, False),
    (
        "CA", "", "Commission Decision 2002/2/EC", D(2001, 12, 20), None,
        "Commercial organisations subject to PIPEDA only.", False, False,
    ),
    ("FO", "", "Commission Decision 2010/146/EU", D(2010, 3, 5), None, "", False, False),
    ("GG", "", "Commission Decision 2003/821/EC", D(2003, 11, 21), None, "", False, False),
    ("IM", "", "Commission Decision 2004/411/EC", D(2004, 4, 28), None, "", False, False),
    ("IL", "", "Commission Decision 2011/61/EU", D(2011, 1, 31), None, "", False, False),
    (
        "JP", "", "Commission Implementing Decision (EU) 2019/419", D(2019, 1, 23), None,
        "Private-sector organisations covered by the Act on the Protection of Personal Information.", False, False,
    ),
    ("JE", "", "Commission Decision 2008/393/EC", D(2008, 5, 8), None, "", False, False),
    ("NZ", "", "Commission Implementing Decision 2013/65/EU", D(2012, 12, 19), None, "", False, False),
    ("KR", "", "Commission Implementing Decision (EU) 2022/254", D(2021, 12, 17), None, "", False, False),
    ("CH", "", "Commission Decision 2000/518/EC", D(2000, 7, 26), None, "", False, False),
    ("UY", "", "Commission Implementing Decision 2012/484/EU", D(2012, 8, 21), None, "", False, False),
    (
        "GB", "", "Commission Implementing Decision (EU) 2021/1772", D(2021, 6, 28), D(2031, 12, 27),
        "Renewed in December 2025 until December 2031; check the exact end date against the renewal decision.",
        False, False,
    ),
    (
        "US", "", "Commission Implementing Decision (EU) 2023/1795", D(2023, 7, 10), None,
        "EU–US Data Privacy Framework: only organisations on the Department of Commerce's DPF list.", True, False,
    ),
    (
        "", "European Patent Organisation", "Commission Implementing Decision (EU) 2025/1382", None, None, "",
        False, False,
    ),
    (
        "BR", "", "Commission Implementing Decision (EU) 2026/179", D(2026, 1, 26), None,
        "Incorporation into the EEA Agreement is pending.", False, True,
    ),
]


def seed(apps, schema_editor):
    from django.utils import timezone

    model = apps.get_model("ropa", "AdequacyDecision")
    history = apps.get_model("ropa", "HistoricalAdequacyDecision")
    for country, organisation, reference, adopted, expires, scope, certified_only, awaiting in DECISIONS:
        existing = model.objects.filter(country=country) if country else model.objects.filter(
            international_organisation__iexact=organisation
        )
        if existing.exists():
            continue
        decision = model.objects.create(
            country=country, international_organisation=organisation, reference=reference, adopted_on=adopted,
            expires_on=expires, scope=scope, certified_recipients_only=certified_only,
            awaiting_eea_incorporation=awaiting,
        )
        fields = {field.attname: getattr(decision, field.attname) for field in model._meta.fields}
        history.objects.create(
            history_date=timezone.now(), history_type="+", history_change_reason="Seeded by migration", **fields
        )


class Migration(migrations.Migration):
    dependencies = [("ropa", "0003_processors_and_transfers")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
