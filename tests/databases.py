"""The test database as a URL another process can open (a worker, `manage.py shell`, gunicorn)."""

from urllib.parse import quote

from django.db import connection


def server_database_url() -> str:
    """The PostgreSQL test database as DATABASE_URL (a socket directory as host, percent-encoded as libpq reads it)."""
    db = connection.settings_dict
    host = quote(str(db["HOST"]), safe="")
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{host}:{db['PORT']}/{db['NAME']}"
