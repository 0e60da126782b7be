"""Workspaces: which client's record a person may see and change, applied to every queryset, form and page."""
