"""A Swedish web shop on Uni Micro Web, paid through Klarna and PayEx (seed 004, policy of 17 April 2024).

The record is written in Swedish, as the shop's own officer would write it. The policy does not name the
company. Purchase history is kept under bokföringslagen; other data "as long as necessary", so some
activities lack Art. 30(1)(f). The ad pixels were last reviewed with the 2024 policy.
"""

import dataclasses
import datetime

from ropa.demo.spec import (
    DRAFT,
    NO,
    UNKNOWN,
    YES,
    ActivitySpec,
    CompanySpec,
    Dpia,
    Event,
    OrganisationSpec,
    Provision,
    PurposeSpec,
    RetentionSpec,
    Source,
)
from ropa.demo.systems import META
from ropa.models import LegalBasis

NAME = "Svensk webbutik (Uni Micro Web)"
Art6 = LegalBasis.Article6
REVIEWED = datetime.date(2026, 9, 21)
NEXT_REVIEW = datetime.date(2027, 9, 21)
SHOP = "Webbutik"
MANAGER = "Butikschef"
MARKETING = "Marknadsföring"
MARKETING_MANAGER = "Marknadschef"
SHOP_SECURITY = ("Data processing agreements with processors", "Data minimisation")
SHOP_SECURITY_TEXT = (
    "Ett personuppgiftsbiträdesavtal med Uni Micro Web AS reglerar butiksprogramvaran. Kort- och andra "
    "betalningsuppgifter som anges i kassan går direkt till Klarna eller PayEx och lagras aldrig i butiken."
)
VAGUE = (
    "Integritetspolicyn sparar uppgifterna ”så länge det behövs” för att betjäna kunden, utan tidsgräns: "
    "lagringstiden saknas."
)
BOOKKEEPING_RULE = RetentionSpec(
    "Räkenskapsinformation och köphistorik", duration=7, runs_from=Event.END_OF_CALENDAR_YEAR,
    legal_reference="bokföringslagen 7 kap. 2 §", data_category="Order and purchase history",
)

COMPANY = CompanySpec(
    organisation=OrganisationSpec(
        NAME, country="SE", email="kundservice@webbutik.example", record_language="sv",
    ),
    activities=(
        ActivitySpec(
            name="Kundkonton och kundregister",
            description=(
                "Varje kund som handlar får ett konto med lösenord, sina beställningar, uppgifter som kunden kan "
                "ändra eller ladda ner och ett val om nyhetsbrev. Butiken för också ett register över sina kunder. "
                + VAGUE
            ),
            department=SHOP, owner=MANAGER,
            provision_requirement=Provision.FOR_CONTRACT,
            provision_consequences="Utan uppgifterna kan vi inte skapa ditt konto.",
            purposes=(
                PurposeSpec("Ge varje kund ett konto med sina beställningar och uppgifter", Art6.CONTRACT),
                PurposeSpec(
                    "Föra ett register över våra kunder", Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="att veta vilka våra kunder är och vad de har köpt",
                    balancing_test=(
                        "Vi behöver veta vilka våra kunder är för att kunna betjäna dem och bemöta anspråk; "
                        "registret innehåller bara kontaktuppgifter och beställningar, vilket kunder väntar sig "
                        "att en butik sparar."
                    ),
                ),
            ),
            data_subjects=("Customers", "Registered users"),
            personal_data=(
                "Name", "Postal and delivery address", "Contact details (e-mail, phone)", "User name and password",
                "Order and purchase history",
            ),
            source_description="Lämnas av kunden vid första köpet.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY, security_description=SHOP_SECURITY_TEXT,
            systems=("Uni Micro Web",),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Beställningar, leverans och fakturering",
            description=(
                "Orderbekräftelser, fakturor, påminnelser och uppdateringar om det kunden har köpt. Betalningen "
                "sker via Klarna eller PayEx. Orderuppgifterna används också för att säkra rättsliga anspråk som "
                "uppstår i kundrelationen; köphistoriken sparas så länge bokföringslagen kräver."
            ),
            department=SHOP, owner=MANAGER,
            provision_requirement=Provision.FOR_CONTRACT,
            provision_consequences="Utan adress kan vi inte leverera varorna.",
            purposes=(
                PurposeSpec("Bekräfta, leverera, fakturera och följa upp kundens beställningar", Art6.CONTRACT),
                PurposeSpec(
                    "Säkra rättsliga anspråk som uppstår i kundrelationen", Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="att kunna försvara oss om det uppstår en tvist om ett köp",
                    balancing_test=(
                        "Att kunna visa vad som såldes och betalades skyddar båda parter vid en tvist; bara "
                        "orderuppgifterna sparas för det."
                    ),
                ),
            ),
            data_subjects=("Customers",),
            personal_data=(
                "Name", "Postal and delivery address", "Contact details (e-mail, phone)", "Order and purchase history",
                "Payment details",
            ),
            source_description="Lämnas av kunden i kassan.",
            recipients=("Processors: IT, hosting and platform providers", "Payment providers"),
            recipients_description="Klarna och PayEx tar emot och lagrar betalningsuppgifterna som anges i kassan.",
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY, security_description=SHOP_SECURITY_TEXT,
            systems=("Uni Micro Web", "Klarna Checkout", "PayEx"),
            retention=(BOOKKEEPING_RULE,),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Bokföring",
            description="Köp- och orderhistorik som sparas som räkenskapsinformation enligt bokföringslagen.",
            department="Ekonomi", owner="Ekonomichef",
            provision_requirement=Provision.STATUTORY,
            purposes=(
                PurposeSpec(
                    "Spara den räkenskapsinformation som bokföringslagen kräver", Art6.LEGAL_OBLIGATION,
                    legal_reference="bokföringslagen (1999:1078)",
                ),
            ),
            data_subjects=("Customers",),
            personal_data=("Name", "Postal and delivery address", "Order and purchase history"),
            source_description="Från butikens beställningar och fakturor.",
            recipients=("Accountants and auditors", "Public authorities when the law requires it"),
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY,
            systems=("Uni Micro Web",),
            # Everything this activity keeps is accounting information: the rule covers all of it.
            retention=(dataclasses.replace(BOOKKEEPING_RULE, data_category=""),),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Kundtjänst",
            description=(
                "Supportärenden, e-post, samtal, formuläret ”Kontakta mig” och andra webbformulär följs upp; "
                "synpunkter och frågor från möten, samtal och dokument kan sparas. " + VAGUE
            ),
            department="Kundtjänst", owner="Kundtjänstansvarig",
            provision_requirement=Provision.VOLUNTARY,
            provision_consequences="Utan kontaktuppgifter kan vi inte svara dig.",
            purposes=(
                PurposeSpec(
                    "Följa upp supportärenden, e-post, samtal och webbformulär", Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="att kunna följa upp dina frågor tills de är lösta",
                    balancing_test="Den som kontaktar oss väntar sig svar; vi använder bara det hen berättar.",
                ),
            ),
            data_subjects=("Customers", "People who contact us"),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "Messages and correspondence",
                "Comments and reviews",
            ),
            source_description="Från kundens egna meddelanden och formulär.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY, security_description=SHOP_SECURITY_TEXT,
            systems=("Uni Micro Web",),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Nyhetsbrev och marknadsföring",
            description=(
                "Marknadsföring som kunden har prenumererat på: våra produkter och tjänster, evenemang och "
                "kampanjer från samarbetspartner. Den kräver ett aktivt val och kan återkallas när som helst."
            ),
            department=MARKETING, owner=MARKETING_MANAGER,
            provision_requirement=Provision.VOLUNTARY,
            provision_consequences="Du kan avsluta prenumerationen när du vill.",
            purposes=(
                PurposeSpec(
                    "Skicka den marknadsföring kunden har prenumererat på", Art6.CONSENT,
                    direct_marketing=True,
                    consent_record="Valet av nyhetsbrev på kundkontot i Uni Micro Web",
                    consent_demonstrable=True,
                ),
            ),
            data_subjects=("Newsletter subscribers", "Customers"),
            personal_data=("Name", "Contact details (e-mail, phone)", "Marketing preferences and consents"),
            source_description="Valt av kunden på kundkontot.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY, security_description=SHOP_SECURITY_TEXT,
            systems=("Uni Micro Web",),
            retention=(
                RetentionSpec(
                    "Prenumerationsuppgifterna tas bort när samtycket återkallas.",
                    runs_from=Event.CONSENT_WITHDRAWN,  # everything the subscription holds
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Annonspixlar och webbanalys (Facebook-pixel, Google Analytics)",
            description=(
                "Kakor och pixlar skickar till Facebook och Google Analytics vad besökarna tittar på, lägger i "
                "varukorgen och köper, för att visa dem matchande annonser och mäta annonserna. Policyn kallar "
                "detta anonymt, men identifierare i pixlar och kakor är personuppgifter, och lagen om elektronisk "
                "kommunikation kräver samtycke för dem. Ingen lagringstid anges, så lagringstiden saknas, liksom "
                "säkerhetsåtgärder och en logg som kan visa samtyckena; granskningen är försenad."
            ),
            department=MARKETING, owner=MARKETING_MANAGER,
            provision_requirement=Provision.VOLUNTARY,
            provision_consequences="Säger du nej kan du handla som vanligt.",
            purposes=(
                PurposeSpec(
                    "Visa besökare relevanta annonser och mäta deras effekt", Art6.CONSENT,
                    consent_record="Kakbannern på butikens webbplats (kaksidan som policyn hänvisar till)",
                ),
            ),
            data_subjects=("Website visitors", "Customers"),
            personal_data=(
                "Cookies and online identifiers", "IP address and device identifiers", "Browsing and usage behaviour",
                "Order and purchase history",
            ),
            source_kind=Source.OBSERVED,
            source_description="Läses från webbläsaren av pixel- och analysskripten.",
            recipients=("Marketing and analytics providers", "Social media platforms"),
            transfers_outside_eea=YES,
            systems=("Meta Pixel", "Google Analytics"),
            joint_controllers=(META,),
            profiling=True, is_high_risk=UNKNOWN, dpia_required=UNKNOWN, dpia_status=Dpia.NOT_STARTED,
            status=DRAFT,  # Art. 7(1): no log shows the consents yet
            last_reviewed=datetime.date(2024, 4, 17), next_review=datetime.date(2025, 4, 17),
        ),
        ActivitySpec(
            name="Kurser och evenemang",
            description=(
                "När kurser eller evenemang erbjuds får deltagarna program, plats och ändringar. Policyn anger "
                "ingen lagringstid, så lagringstiden saknas."
            ),
            department=MARKETING, owner=MARKETING_MANAGER,
            provision_requirement=Provision.FOR_CONTRACT,
            provision_consequences="Utan kontaktuppgifter kan vi inte informera dig om kursen.",
            purposes=(PurposeSpec("Informera deltagare om kurser och evenemang de anmält sig till", Art6.CONTRACT),),
            data_subjects=("Customers",),
            personal_data=("Name", "Contact details (e-mail, phone)"),
            source_description="Lämnas av deltagaren vid anmälan.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY,
            systems=("Uni Micro Web",),
            status=DRAFT,
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
    ),
)
