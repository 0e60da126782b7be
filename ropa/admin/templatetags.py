"""`{% ropa_result_list cl %}`: Django's `{% result_list cl %}` with the rows written by ropa/admin/rows.py."""

from django import template
from django.contrib.admin.templatetags.base import InclusionAdminNode

from ropa.admin.rows import result_list

register = template.Library()


@register.tag(name="ropa_result_list")
def ropa_result_list_tag(parser, token):
    return InclusionAdminNode(parser, token, func=result_list, template_name="change_list_results.html",
                              takes_context=False)
