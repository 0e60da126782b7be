"""A person's role groups follow their memberships, however a membership is made or removed."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save

from ropa.workspaces import access


def _membership_changed(sender, instance, **kwargs) -> None:
    user = get_user_model().objects.filter(pk=instance.user_id).first()
    if user is not None:  # gone when the membership goes with its user
        access.sync_groups(user)


def connect() -> None:
    from ropa.models import Membership

    post_save.connect(_membership_changed, sender=Membership, dispatch_uid="ropa.workspaces.membership.save")
    post_delete.connect(_membership_changed, sender=Membership, dispatch_uid="ropa.workspaces.membership.delete")
