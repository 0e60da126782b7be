from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "requests"
    verbose_name = _("Rights requests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from requests.models.attachments import Attachment, delete_file_after_commit

        # However an attachment goes (its own delete, a purge, a cascade), its file goes with it.
        post_delete.connect(delete_file_after_commit, sender=Attachment, dispatch_uid="requests.attachment_file")
