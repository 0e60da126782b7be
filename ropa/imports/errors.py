"""The one error an import raises for a file it cannot read; the message says why, for the user."""


class ImportFileError(Exception):
    """The file cannot be read as a spreadsheet; the message says why, for the user."""
