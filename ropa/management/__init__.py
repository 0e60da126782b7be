"""The commands of the record: export, import, demo, reminders and the outbox worker (see the README's *Commands*)."""
