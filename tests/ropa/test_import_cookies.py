"""Importing the cookie register (ePrivacy Art. 5(3)): our own export's sheet, and a declaration kept by hand."""

import pytest
from django.utils import translation

from ropa.imports import ImportRefused, plan_import
from ropa.models import Organisation, ProcessingActivity, Processor
from ropa.models.workspaces import Workspace
from ropa.website.models import Cookie, CookieCategory, Website
from tests.ropa.processor_helpers import make_processor
from tests.ropa.test_import import empty_the_record, exported, rich_record, sheet_values
from tests.ropa.test_import_workbooks import workbook

pytestmark = pytest.mark.django_db


def register() -> list[tuple]:
    return sorted(
        (c.organisation.name, c.website.address if c.website else "", c.name, c.kind, c.party, c.host, c.category,
         c.purpose, c.lifetime, c.activity.name if c.activity else "", c.processor.name if c.processor else "")
        for c in Cookie.objects.select_related("organisation", "website", "activity", "processor")
    )


def record_with_cookies() -> None:
    shop = rich_record()
    website = Website.objects.create(organisation=shop, address="https://www.fjellsport.example/")
    orders = ProcessingActivity.objects.get(name="Ordrebehandling")
    Cookie.objects.create(
        organisation=shop, website=website, name="JSESSIONID", category=CookieCategory.STRICTLY_NECESSARY,
        purpose="Keeps your basket while you shop.", lifetime="session", activity=orders,
        processor=Processor.objects.get(name="Nettbutikkleverandøren"),
    )
    Cookie.objects.create(
        organisation=shop, name="_ga_*", kind=Cookie.Kind.LOCAL_STORAGE, category=CookieCategory.STATISTICS,
        party=Cookie.Party.THIRD, host=".google-analytics.com", purpose="Counts visits.", lifetime="2 years",
    )


@pytest.mark.parametrize(("file_format", "language"), [("xlsx", "nb"), ("csv", "sv"), ("xlsx", "en")])
def test_our_export_imported_into_an_empty_record_gives_back_the_same_register(
    privacy_officer, file_format, language,
):
    record_with_cookies()
    before, saved = exported(file_format, language), register()
    empty_the_record()
    assert Cookie.objects.count() == 0
    plan = plan_import(before, "record.xlsx" if file_format == "xlsx" else "record.zip", create_missing=True)
    assert plan.errors == []
    plan.apply(privacy_officer)
    assert register() == saved
    assert sheet_values(exported(file_format, language), file_format) == sheet_values(before, file_format)


def test_importing_our_export_again_changes_no_cookie(privacy_officer):
    record_with_cookies()
    plan = plan_import(exported(), "record.xlsx")
    assert plan.errors == []
    assert {row.action for row in plan.rows} == {"unchanged"}


HAND_KEPT = [
    ["Navn", "Leverandør", "Formål", "Kategori", "Varighet", "Første-/tredjepart", "Behandlingsaktivitet",
     "Databehandler"],
    ["PHPSESSID", "", "Husker handlekurven din.", "Strengt nødvendige", "Økt", "Førstepart", "Nettbutikk", ""],
    ["_fbp", ".facebook.com", "Viser deg annonsene våre på Facebook.", "Markedsføring", "3 måneder", "Tredjepart",
     "Nettbutikk", "Meta Pixel"],
    ["_hjSession*", "Hotjar", "Ser hvordan sidene brukes.", "Statistikk", "30 minutter", "Tredjepart", "", ""],
    ["lang", "", "Husker språket du valgte.", "Preferanser", "1 år", "Førstepart", "", ""],
]


@pytest.fixture
def shop(organisation):
    ProcessingActivity.objects.create(organisation=organisation, name="Nettbutikk")
    make_processor("Meta Pixel", legal_entity="Meta Platforms Ireland Ltd")
    return organisation


def test_a_hand_kept_norwegian_declaration_is_read_into_the_register(shop, privacy_officer):
    plan = plan_import(workbook(HAND_KEPT, title="Informasjonskapsler"), "cookies.xlsx", organisation=shop)
    assert plan.errors == []
    assert [row.label for row in plan.rows] == ["PHPSESSID", "_fbp (.facebook.com)", "_hjSession* (Hotjar)", "lang"]
    plan.apply(privacy_officer)
    cookies = {c.name: c for c in Cookie.objects.select_related("activity", "processor")}
    assert {name: c.category for name, c in cookies.items()} == {
        "PHPSESSID": CookieCategory.STRICTLY_NECESSARY, "_fbp": CookieCategory.MARKETING,
        "_hjSession*": CookieCategory.STATISTICS, "lang": CookieCategory.PREFERENCES,
    }
    fbp = cookies["_fbp"]
    assert (fbp.party, fbp.host, fbp.lifetime, fbp.activity.name, fbp.processor.name) == (
        "third", ".facebook.com", "3 måneder", "Nettbutikk", "Meta Pixel",
    )
    assert (cookies["PHPSESSID"].party, cookies["PHPSESSID"].processor) == ("first", None)


def test_swedish_and_english_category_words_are_read():
    from ropa.imports.cookie_rows import cookie_category

    assert [cookie_category(word) for word in ("Nödvändiga", "Inställningar", "Statistik", "Marknadsföring")] == [
        "necessary", "preferences", "statistics", "marketing",
    ]
    assert [cookie_category(word) for word in ("Strictly necessary", "Preferences", "Statistics", "Marketing")] == [
        "necessary", "preferences", "statistics", "marketing",
    ]
    assert cookie_category("Sosiale medier") is None


def test_an_unknown_category_is_an_error_on_its_row_and_cell_and_nothing_is_written(shop, privacy_officer):
    rows = [list(row) for row in HAND_KEPT]
    rows[2][3] = "Sosiale medier"
    with translation.override("nb"):
        plan = plan_import(workbook(rows, title="Informasjonskapsler"), "cookies.xlsx", organisation=shop)
        [problem] = plan.errors
        assert (problem.sheet, problem.row, problem.column) == ("Informasjonskapsler", 3, "Kategori (D)")
        assert str(problem).startswith("Informasjonskapsler, rad 3, kolonne Kategori (D): «Sosiale medier» er ikke")
        with pytest.raises(ImportRefused):
            plan.apply(privacy_officer)
    assert Cookie.objects.count() == 0 and Cookie.history.count() == 0


def test_the_dry_run_writes_nothing(shop):
    plan = plan_import(workbook(HAND_KEPT, title="Cookies"), "cookies.xlsx", organisation=shop)
    assert plan.is_valid and len(plan.cookies) == 4
    assert (Cookie.objects.count(), Cookie.history.count(), Website.history.count()) == (0, 0, 0)


def test_each_cookie_s_history_names_the_importing_user_and_the_file(shop, privacy_officer):
    with translation.override("en"):
        plan_import(workbook(HAND_KEPT, title="Informasjonskapsler"), "cookies.xlsx", organisation=shop).apply(
            privacy_officer,
        )
    rows = Cookie.history.all()
    assert len(rows) == 4
    assert {(r.history_type, r.history_user, r.history_change_reason) for r in rows} == {
        ("+", privacy_officer, "Import of cookies.xlsx"),
    }


def test_a_sheet_of_other_things_called_name_is_no_cookie_declaration(shop):
    """"Navn" alone names a cookie only on a sheet titled as a declaration."""
    from ropa.imports.columns import recognise
    from ropa.imports.readers import RawSheet

    rows = [(1, ["Navn", "Kategori", "Lagringstid", "Leverandør"]), (2, ["Kunder", "Kunde", "5 år", "Visma"])]
    found = recognise(RawSheet("Ark1", rows))
    assert found is None or found.kind != "cookies"


SWEDISH = [
    ["Namn", "Leverantör", "Ändamål", "Kategori", "Livslängd", "Första eller tredje part", "Behandling",
     "Personuppgiftsbiträde"],
    ["PHPSESSID", "", "Kommer ihåg din varukorg.", "Nödvändiga", "Session", "Förstapart", "Nettbutikk", ""],
    ["_fbp", ".facebook.com", "Visar våra annonser på Facebook.", "Marknadsföring", "3 månader", "Tredjepart",
     "Nettbutikk", "Meta Pixel"],
    ["_ga", ".google-analytics.com", "Räknar besök.", "Statistik", "2 år", "Tredje part", "", ""],
    ["lang", "", "Kommer ihåg språket du valde.", "Inställningar", "1 år", "Första part", "", ""],
]
ENGLISH = [
    ["Name", "Provider", "Purpose", "Category", "Lifetime", "Party", "Processing activity", "Processor"],
    ["PHPSESSID", "", "Keeps your basket.", "Strictly necessary", "Session", "First party", "Nettbutikk", ""],
    ["_fbp", ".facebook.com", "Shows our ads on Facebook.", "Marketing", "3 months", "Third party", "Nettbutikk",
     "Meta Pixel"],
    ["_ga", ".google-analytics.com", "Counts visits.", "Analytics", "2 years", "Third party", "", ""],
    ["lang", "", "Remembers your language.", "Functional", "1 year", "First party", "", ""],
]


@pytest.mark.parametrize(
    ("rows", "title", "lifetime"), [(SWEDISH, "Kakor", "3 månader"), (ENGLISH, "Cookies", "3 months")],
)
def test_a_hand_kept_swedish_or_english_declaration_is_read_into_the_register(
    shop, privacy_officer, rows, title, lifetime,
):
    plan = plan_import(workbook(rows, title=title), "cookies.xlsx", organisation=shop)
    assert plan.errors == []
    plan.apply(privacy_officer)
    cookies = {c.name: c for c in Cookie.objects.select_related("activity", "processor")}
    assert {name: (c.category, c.party) for name, c in cookies.items()} == {
        "PHPSESSID": (CookieCategory.STRICTLY_NECESSARY, "first"), "_fbp": (CookieCategory.MARKETING, "third"),
        "_ga": (CookieCategory.STATISTICS, "third"), "lang": (CookieCategory.PREFERENCES, "first"),
    }
    fbp = cookies["_fbp"]
    assert (fbp.host, fbp.lifetime, fbp.activity.name, fbp.processor.name) == (
        ".facebook.com", lifetime, "Nettbutikk", "Meta Pixel",
    )
    assert {c.organisation for c in cookies.values()} == {shop}


def test_the_unknown_category_is_said_in_swedish_to_a_swedish_officer(shop):
    rows = [list(row) for row in SWEDISH]
    rows[3][3] = "Sociala medier"
    with translation.override("sv"):
        plan = plan_import(workbook(rows, title="Kakor"), "cookies.xlsx", organisation=shop)
        [problem] = plan.errors
        assert (problem.row, problem.column) == (4, "Kategori (D)")
        assert "”Sociala medier” är ingen kategori för kakor; skriv en av:" in str(problem)
    assert Cookie.objects.count() == 0


def test_an_import_reads_and_writes_only_the_importers_workspace(shop, privacy_officer):
    """Another client's controller of the same name, with the same activity, processor and cookie, is left alone:
    the import links our activity and processor and adds our cookie beside theirs."""
    other = Workspace.objects.create(name="Another client")
    theirs = Organisation.objects.create(name=shop.name, workspace=other, country="NO")
    their_activity = ProcessingActivity.objects.create(organisation=theirs, name="Nettbutikk")
    their_processor = Processor.objects.create(
        name="Meta Pixel", workspace=other, service="Ads.",
        organisation=Organisation.objects.create(name="Meta Platforms Ireland Ltd", workspace=other, country="IE"),
    )
    Cookie.objects.create(organisation=theirs, name="_fbp", category=CookieCategory.STATISTICS, purpose="Theirs.",
                          activity=their_activity, processor=their_processor)
    plan = plan_import(workbook(HAND_KEPT, title="Informasjonskapsler"), "cookies.xlsx", organisation=shop)
    assert plan.errors == []
    assert plan.workspace == shop.workspace
    plan.apply(privacy_officer)
    ours = Cookie.objects.get(organisation=shop, name="_fbp")
    assert ours.activity.organisation == shop and ours.processor.workspace == shop.workspace
    theirs_after = Cookie.objects.get(organisation=theirs)
    assert (theirs_after.category, theirs_after.purpose, theirs_after.activity, theirs_after.processor) == (
        CookieCategory.STATISTICS, "Theirs.", their_activity, their_processor,
    )
    assert Cookie.objects.filter(organisation__workspace=other).count() == 1


def test_a_processor_only_another_workspace_has_is_not_linked(organisation, privacy_officer):
    ProcessingActivity.objects.create(organisation=organisation, name="Nettbutikk")
    other = Workspace.objects.create(name="Another client")
    Processor.objects.create(
        name="Meta Pixel", workspace=other, service="Ads.",
        organisation=Organisation.objects.create(name="Meta Platforms Ireland Ltd", workspace=other, country="IE"),
    )
    plan = plan_import(workbook(HAND_KEPT, title="Informasjonskapsler"), "cookies.xlsx", organisation=organisation)
    assert [(problem.row, problem.column) for problem in plan.errors] == [(3, "Databehandler (H)")]
    with pytest.raises(ImportRefused):
        plan.apply(privacy_officer)
    assert Cookie.objects.count() == 0
