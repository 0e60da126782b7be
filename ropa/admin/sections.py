"""A change form read in the order of the law: each inline right after the fieldset it belongs beside.

Django draws every fieldset first and every inline after them. An inline that names a fieldset class in
`follows` is drawn right after that fieldset instead (templates/admin/ropa/processingactivity/change_form.html);
an inline that names none stays at the end.
"""


class SectionedChangeFormMixin:
    """For a ModelAdmin: put `sections` and `unplaced_inlines` in the change form's context."""

    def render_change_form(self, request, context, *args, **kwargs):
        placed: dict[str, list] = {}
        unplaced = []
        for inline_admin_formset in context.get("inline_admin_formsets", []):
            follows = getattr(inline_admin_formset.opts, "follows", None)
            (placed.setdefault(follows, []) if follows else unplaced).append(inline_admin_formset)
        sections = []
        for fieldset in context["adminform"]:
            classes = fieldset.classes.split()
            inlines = [formset for name in classes for formset in placed.pop(name, [])]
            sections.append((fieldset, inlines))
        context["sections"] = sections
        # An inline whose fieldset is not on the page (hidden by permissions, say) is still drawn, at the end.
        context["unplaced_inlines"] = [formset for formsets in placed.values() for formset in formsets] + unplaced
        return super().render_change_form(request, context, *args, **kwargs)
