"""Signed webhooks (Standard Webhooks): a workspace's subscriptions, the deliveries written in the transaction of the
change they report, the periodic scan of approaching deadlines, and their delivery by `manage.py worker`."""
