"""A path converter for database ids that a 64-bit integer column can hold.

`<int:…>` accepts any number of digits, and SQLite raises OverflowError (a 500) for an id beyond 64 bits;
`<id:…>` matches at most 18 digits, so such a path is simply not found (404).
"""


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(int(value))
