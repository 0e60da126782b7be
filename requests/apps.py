from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def refresh_open_deadlines(sender, instance, raw: bool = False, **kwargs) -> None:
    """The controller's country (holidays) or Art. 12(6) setting changed: open requests follow at once."""
    if raw:
        return
    from requests.models import RightsRequest

    RightsRequest.objects.filter(organisation=instance).open().refresh_deadlines()


class RequestsConfig(AppConfig):
    name = "requests"
    verbose_name = _("Rights requests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from requests.models.attachments import Attachment, delete_file_after_commit
        from ropa.models import Organisation

        # However an attachment goes (its own delete, a purge, a cascade), its file goes with it.
        post_delete.connect(delete_file_after_commit, sender=Attachment, dispatch_uid="requests.attachment_file")
        post_save.connect(refresh_open_deadlines, sender=Organisation, dispatch_uid="requests.refresh_deadlines")
