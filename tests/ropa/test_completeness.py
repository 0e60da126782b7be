"""The completeness check lists the Art. 30(1) items an activity does not yet document."""

from ropa.models import Art30Item, PersonalDataCategory, ProcessingActivity, YesNoUnknown


def test_a_fully_documented_activity_is_complete(complete_activity):
    assert complete_activity.missing_items() == []
    assert complete_activity.is_complete


def test_a_new_activity_lacks_every_item_but_the_controller(organisation):
    """Art. 30(1)(b)–(g) must each be recorded; (a) comes from the controller's own details."""
    activity = ProcessingActivity.objects.create(organisation=organisation, name="Newsletter")
    assert activity.missing_items() == [
        Art30Item.PURPOSES,
        Art30Item.CATEGORIES,
        Art30Item.RECIPIENTS,
        Art30Item.TRANSFERS,
        Art30Item.RETENTION,
        Art30Item.SECURITY,
    ]


def test_a_controller_without_contact_details_is_item_a_missing(complete_activity):
    """Art. 30(1)(a): name and contact details of the controller."""
    organisation = complete_activity.organisation
    organisation.email = organisation.address = organisation.phone = ""
    organisation.save()
    assert complete_activity.missing_items() == [Art30Item.CONTROLLER]


def test_vague_retention_counts_as_missing(complete_activity):
    """Art. 30(1)(f): 'kept for XXX years' is no time limit; without a rule the item is missing."""
    complete_activity.retention_rules.all().delete()
    assert complete_activity.missing_items() == [Art30Item.RETENTION]


def test_unanswered_transfer_question_counts_as_missing(complete_activity):
    """Art. 30(1)(e): the record must say whether data goes to third countries."""
    complete_activity.transfers_outside_eea = YesNoUnknown.UNKNOWN
    complete_activity.save()
    assert complete_activity.missing_items() == [Art30Item.TRANSFERS]


def test_a_general_description_of_security_is_enough(complete_activity):
    """Art. 30(1)(g) asks for a general description of the Art. 32(1) measures."""
    complete_activity.security_measures.clear()
    assert complete_activity.missing_items() == [Art30Item.SECURITY]
    complete_activity.security_description = "Access by role, TLS, backups every night."
    complete_activity.save()
    assert complete_activity.missing_items() == []


def test_special_data_without_an_article_9_condition_is_flagged(complete_activity):
    complete_activity.personal_data_categories.add(PersonalDataCategory.objects.get(name="Health data"))
    assert complete_activity.missing_items() == [Art30Item.LEGAL_BASIS]


def test_incomplete_lists_only_activities_with_something_missing(complete_activity, organisation):
    draft = ProcessingActivity.objects.create(organisation=organisation, name="Draft")
    assert list(ProcessingActivity.objects.incomplete()) == [draft]


def test_the_check_of_many_activities_costs_two_queries(complete_activity, organisation, django_assert_num_queries):
    """One asks whether the stored facts hold for today (they do: every save worked them out), one reads the rows."""
    for number in range(5):
        ProcessingActivity.objects.create(organisation=organisation, name=f"Draft {number}")
    with django_assert_num_queries(2):
        results = {
            activity.name: activity.missing_items() for activity in ProcessingActivity.objects.with_completeness()
        }
    assert results["Order handling"] == []
    assert Art30Item.PURPOSES in results["Draft 0"]


def test_the_changelist_s_reading_of_the_rule_equals_the_database_s_for_every_demo_activity(db):
    """The rule is written once (`_missing_conditions()`): the database filters with it and the changelist reads
    it in Python from the rows on the page. Over the demo record, whose activities miss many different items,
    both readings give the same items for every activity."""
    from ropa.demo import load_demo

    load_demo()
    by_sql = {a.pk: a.missing_items() for a in ProcessingActivity.objects.with_completeness()}
    on_page = list(ProcessingActivity.objects.select_related("organisation"))
    ProcessingActivity.objects.attach_completeness(on_page)
    by_python = {a.pk: a.missing_items() for a in on_page}
    assert by_python == by_sql
    seen = {item for items in by_sql.values() for item in items}
    assert len(seen) >= 5, f"the demo should miss several kinds of item, missed only {seen}"
    assert sorted(ProcessingActivity.objects.incomplete().values_list("pk", flat=True)) == sorted(
        pk for pk, items in by_sql.items() if items
    )
