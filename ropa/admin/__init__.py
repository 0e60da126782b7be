"""The record in the Django admin: activities, processors and agreements, DPIAs, the history pages, the list rows
and the site's section order.

The modules that register admins are imported by RopaConfig.ready() (ropa/apps.py), not from here: Django
imports ropa.admin.site while it builds `admin.site`, and registering during that import would register on a
site that is then thrown away.
"""

REGISTERING_MODULES = (
    "ropa.admin.activities", "ropa.admin.processors", "ropa.admin.dpia", "ropa.workspaces.admin", "ropa.sso.admin",
    "ropa.api.admin",
)
