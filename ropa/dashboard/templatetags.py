"""`{% attention_items as items %}`: the dashboard's non-zero counts for the signed-in user, for the admin's index
page (the dashboard page itself shows the zeros too)."""

from django import template

from ropa.dashboard.counts import AttentionItem
from ropa.dashboard.counts import attention_items as _attention_items

register = template.Library()


@register.simple_tag(takes_context=True)
def attention_items(context) -> list[AttentionItem]:
    request = context.get("request")
    if request is None:
        return []
    return [item for item in _attention_items(request.user) if item.count]
