"""`{% attention_items as items %}`: the dashboard's counts for the signed-in user, for the admin's index page."""

from django import template

from ropa.dashboard import AttentionItem
from ropa.dashboard import attention_items as _attention_items

register = template.Library()


@register.simple_tag(takes_context=True)
def attention_items(context) -> list[AttentionItem]:
    request = context.get("request")
    return _attention_items(request.user) if request is not None else []
