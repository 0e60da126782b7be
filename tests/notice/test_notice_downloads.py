"""The published notice as files to paste into a web shop's CMS: an HTML fragment and Markdown, the same content."""

import pytest
from django.urls import reverse

from ropa.models import NoticeIntroduction
from tests.notice.conftest import publish_now

pytestmark = pytest.mark.django_db


def download(client, name: str, organisation, **params):
    """The published notice as a file: what the officer last published, never the record as it changes."""
    publish_now(organisation)
    response = client.get(reverse(f"ropa:{name}", args=[organisation.pk]), params)
    assert response.status_code == 200
    return response


def test_the_html_download_is_the_notice_alone_as_an_attachment(client, organisation, shop):
    response = download(client, "privacy_notice_html", organisation)
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="verdifull-as-privacy-notice-en-')
    html = response.content.decode()
    assert html.lstrip().startswith('<article class="notice">')
    assert "<html" not in html and "<script" not in html and "<form" not in html
    assert "Deliver what you ordered." in html and "INTERNAL" not in html


def test_the_markdown_download_holds_each_section_as_markdown(client, organisation, shop):
    response = download(client, "privacy_notice_markdown", organisation)
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"].endswith('.md"')
    text = response.content.decode()
    assert text.startswith("# Privacy notice of Verdifull AS\n")
    for heading in ["## Who is responsible for your personal data", "## Data protection officer",
                    "### Order handling", "## Your rights", "## Your right to object", "## Complaints"]:
        assert f"\n{heading}\n" in text
    assert "- Deliver what you ordered. It is necessary to fulfil a contract with you" in text
    assert f"<http://testserver{reverse('requests:intake_for', args=[organisation.pk])}>" in text
    assert "INTERNAL" not in text


def test_markdown_shows_the_record_s_text_as_written_never_as_markup(client, organisation, shop):
    NoticeIntroduction.objects.create(
        organisation=organisation, text_en="# Not a heading <script>alert(1)</script> [link](https://evil.example)",
    )
    text = download(client, "privacy_notice_markdown", organisation).content.decode()
    assert "\\# Not a heading \\<script\\>alert(1)\\</script\\> \\[link\\](https://evil.example)" in text
    assert "<script>" not in text


def test_nothing_is_downloaded_before_the_notice_is_published(client, organisation, shop):
    assert client.get(reverse("ropa:privacy_notice_markdown", args=[organisation.pk])).status_code == 404
