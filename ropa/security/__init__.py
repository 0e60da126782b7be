"""Login security for the admin: two-factor login, lockout, client IP behind a proxy, deploy checks (Art. 32)."""
