"""Seed the vocabularies with entries a Nordic web shop needs, in English, Norwegian Bokmål and Swedish.

Entries are created with history rows, so the record's history starts complete. Existing entries with
the same English name are left alone, so the migration is safe on a database edited by hand.
"""

from django.db import migrations

DATA_SUBJECTS = [
    ("Customers", "Kunder", "Kunder"),
    ("Prospective customers", "Potensielle kunder", "Potentiella kunder"),
    ("Website visitors", "Besøkende på nettstedet", "Besökare på webbplatsen"),
    ("Newsletter subscribers", "Abonnenter på nyhetsbrev", "Prenumeranter på nyhetsbrev"),
    ("Registered users", "Registrerte brukere", "Registrerade användare"),
    ("People who contact us", "Personer som kontakter oss", "Personer som kontaktar oss"),
    ("Commenters and reviewers", "Kommentatorer og anmeldere", "Kommentatorer och recensenter"),
    ("Contact persons at business customers", "Kontaktpersoner hos bedriftskunder", "Kontaktpersoner hos företagskunder"),
    ("Contact persons at suppliers", "Kontaktpersoner hos leverandører", "Kontaktpersoner hos leverantörer"),
    ("Employees", "Ansatte", "Anställda"),
    ("Job applicants", "Jobbsøkere", "Arbetssökande"),
    ("Children under 16", "Barn under 16 år", "Barn under 16 år"),
]

PERSONAL_DATA = [
    ("Name", "Navn", "Namn", "ordinary"),
    ("Contact details (e-mail, phone)", "Kontaktopplysninger (e-post, telefon)", "Kontaktuppgifter (e-post, telefon)", "ordinary"),
    ("Postal and delivery address", "Post- og leveringsadresse", "Post- och leveransadress", "ordinary"),
    ("Date of birth", "Fødselsdato", "Födelsedatum", "ordinary"),
    ("National identity number", "Fødselsnummer", "Personnummer", "ordinary"),
    ("Customer number and account details", "Kundenummer og kontoopplysninger", "Kundnummer och kontouppgifter", "ordinary"),
    ("User name and password", "Brukernavn og passord", "Användarnamn och lösenord", "ordinary"),
    ("Order and purchase history", "Ordre- og kjøpshistorikk", "Order- och köphistorik", "ordinary"),
    ("Payment details", "Betalingsopplysninger", "Betalningsuppgifter", "ordinary"),
    ("Credit assessment", "Kredittvurdering", "Kreditbedömning", "ordinary"),
    ("IP address and device identifiers", "IP-adresse og enhetsidentifikatorer", "IP-adress och enhetsidentifierare", "ordinary"),
    ("Cookies and online identifiers", "Informasjonskapsler og nettidentifikatorer", "Kakor och online-identifierare", "ordinary"),
    ("Browsing and usage behaviour", "Surfe- og bruksmønster", "Surf- och användningsbeteende", "ordinary"),
    ("Location data", "Lokasjonsdata", "Platsuppgifter", "ordinary"),
    ("Messages and correspondence", "Meldinger og korrespondanse", "Meddelanden och korrespondens", "ordinary"),
    ("Comments and reviews", "Kommentarer og anmeldelser", "Kommentarer och recensioner", "ordinary"),
    ("Marketing preferences and consents", "Markedsføringsvalg og samtykker", "Marknadsföringsval och samtycken", "ordinary"),
    ("Images and video", "Bilder og video", "Bilder och video", "ordinary"),
    ("Employment details", "Arbeidsforhold", "Anställningsuppgifter", "ordinary"),
    ("Bank account number", "Kontonummer", "Bankkontonummer", "ordinary"),
    ("Health data", "Helseopplysninger", "Hälsouppgifter", "special"),
    ("Racial or ethnic origin", "Rasemessig eller etnisk opprinnelse", "Ras eller etniskt ursprung", "special"),
    ("Political opinions", "Politisk oppfatning", "Politiska åsikter", "special"),
    ("Religious or philosophical beliefs", "Religion eller livssyn", "Religiös eller filosofisk övertygelse", "special"),
    ("Trade union membership", "Fagforeningsmedlemskap", "Medlemskap i fackförening", "special"),
    ("Genetic data", "Genetiske opplysninger", "Genetiska uppgifter", "special"),
    ("Biometric data for identification", "Biometriske opplysninger for identifikasjon", "Biometriska uppgifter för identifiering", "special"),
    ("Sex life or sexual orientation", "Seksuelle forhold eller seksuell orientering", "Sexualliv eller sexuell läggning", "special"),
    ("Criminal convictions and offences", "Straffedommer og lovovertredelser", "Fällande domar och lagöverträdelser", "criminal"),
]

RECIPIENTS = [
    ("Processors: IT, hosting and platform providers", "Databehandlere: IT-, drifts- og plattformleverandører", "Personuppgiftsbiträden: IT-, drift- och plattformsleverantörer"),
    ("Payment providers", "Betalingsleverandører", "Betalningsleverantörer"),
    ("Transport and delivery companies", "Transport- og leveringsselskaper", "Transport- och leveransföretag"),
    ("Accountants and auditors", "Regnskapsfører og revisor", "Redovisningskonsulter och revisorer"),
    ("Public authorities when the law requires it", "Offentlige myndigheter når loven krever det", "Myndigheter när lagen kräver det"),
    ("Marketing and analytics providers", "Leverandører av markedsføring og analyse", "Leverantörer av marknadsföring och analys"),
    ("Social media platforms", "Sosiale medier", "Sociala medier"),
    ("Credit information agencies", "Kredittopplysningsbyråer", "Kreditupplysningsföretag"),
    ("Debt collection agencies", "Inkassoselskaper", "Inkassoföretag"),
    ("Banks and financial institutions", "Banker og finansinstitusjoner", "Banker och finansinstitut"),
    ("Group companies", "Selskaper i samme konsern", "Bolag i samma koncern"),
    ("Lawyers and advisers", "Advokater og rådgivere", "Advokater och rådgivare"),
    ("Internal staff only", "Kun interne medarbeidere", "Endast intern personal"),
]

SECURITY = [
    ("Encryption in transit (TLS)", "Kryptering under overføring (TLS)", "Kryptering vid överföring (TLS)", "technical"),
    ("Encryption at rest", "Kryptering av lagrede data", "Kryptering av lagrade data", "technical"),
    ("Role-based access control", "Rollebasert tilgangsstyring", "Rollbaserad behörighetsstyrning", "technical"),
    ("Multi-factor authentication", "Tofaktorautentisering", "Flerfaktorsautentisering", "technical"),
    ("Access logging", "Logging av tilgang", "Loggning av åtkomst", "technical"),
    ("Backups with tested restore", "Sikkerhetskopier med testet gjenoppretting", "Säkerhetskopior med testad återställning", "technical"),
    ("Pseudonymisation", "Pseudonymisering", "Pseudonymisering", "technical"),
    ("Security updates and patching", "Sikkerhetsoppdateringer", "Säkerhetsuppdateringar", "technical"),
    ("Firewall and network segmentation", "Brannmur og nettverkssegmentering", "Brandvägg och nätverkssegmentering", "technical"),
    ("Automatic deletion", "Automatisk sletting", "Automatisk radering", "technical"),
    ("Data minimisation", "Dataminimering", "Dataminimering", "organisational"),
    ("Confidentiality agreements with staff", "Taushetserklæring for ansatte", "Sekretessavtal med personal", "organisational"),
    ("Security and privacy training", "Opplæring i sikkerhet og personvern", "Utbildning i säkerhet och dataskydd", "organisational"),
    ("Data processing agreements with processors", "Databehandleravtaler med leverandører", "Personuppgiftsbiträdesavtal med leverantörer", "organisational"),
    ("Routines for handling breaches", "Rutiner for avvikshåndtering", "Rutiner för hantering av incidenter", "organisational"),
    ("Physical access control", "Fysisk adgangskontroll", "Fysisk tillträdeskontroll", "organisational"),
]


def _seed(apps, model_name, rows, with_kind):
    from django.utils import timezone

    model = apps.get_model("ropa", model_name)
    history = apps.get_model("ropa", f"Historical{model_name}")
    for row in rows:
        name, name_nb, name_sv = row[:3]
        extra = {"kind": row[3]} if with_kind else {}
        item, created = model.objects.get_or_create(name=name, defaults={"name_nb": name_nb, "name_sv": name_sv, **extra})
        if created:
            fields = {f.attname: getattr(item, f.attname) for f in model._meta.fields}
            history.objects.create(
                history_date=timezone.now(), history_type="+", history_change_reason="Seeded by migration", **fields
            )


def seed(apps, schema_editor):
    _seed(apps, "DataSubjectCategory", DATA_SUBJECTS, with_kind=False)
    _seed(apps, "PersonalDataCategory", PERSONAL_DATA, with_kind=True)
    _seed(apps, "RecipientCategory", RECIPIENTS, with_kind=False)
    _seed(apps, "SecurityMeasure", SECURITY, with_kind=True)


class Migration(migrations.Migration):
    dependencies = [("ropa", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
