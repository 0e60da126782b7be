"""What a requester typed is text in every admin page: it never breaks out of the letter's textarea (issue 16.1)."""

import pytest
from django.urls import reverse

from requests.answers.letters import ANSWERS
from requests.text import render_text

HOSTILE = [
    "</textarea><b id=x>bold</b>",
    '</textarea><meta http-equiv="refresh" content="1;url=https://evil.example/">',
]


@pytest.fixture
def handler_client(client, request_handler):
    client.force_login(request_handler)
    return client


def test_rendered_text_is_plain_so_html_pages_escape_it():
    text = render_text("requests/email/answer.txt", {"text": HOSTILE[0]})
    assert text.strip() == HOSTILE[0], "a plain-text e-mail keeps what was typed"
    assert not hasattr(text, "__html__"), "a SafeString would be printed unescaped into the page"


@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize("right", ["15", *ANSWERS])
def test_a_hostile_name_is_escaped_on_every_answer_page(handler_client, make_request, order_activity, name, right):
    request = make_request(rights=(right,), requester_name=name, message=name)
    request.searched_activities.add(order_activity)
    url = reverse("admin:requests_rightsrequest_answer", args=[request.pk, right])
    html = handler_client.get(url).content.decode()
    assert html.count("</textarea>") == 1
    assert "<b id=x>" not in html and "<meta http-equiv" not in html
    assert "&lt;/textarea&gt;&lt;" in html


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_name_is_escaped_after_a_refused_send(handler_client, make_request, order_activity, name):
    request = make_request(rights=("16",), requester_name=name)
    url = reverse("admin:requests_rightsrequest_answer", args=[request.pk, "16"])
    html = handler_client.post(url, {"text": f"Dear {name}, [to be completed: x]"}).content.decode()
    assert html.count("</textarea>") == 1
    assert "<b id=x>" not in html and "<meta http-equiv" not in html
