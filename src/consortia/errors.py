"""Typed errors with stable codes that users can search for and tests can assert.

Stages raise these; the runner records per-document ones in the record's `errors` and counts
them; only the CLI maps them to exit codes.
"""


class ConsortiaError(Exception):
    """Base class. `code` is stable across versions; the message says what to do."""

    code = "C000"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")
        self.message = message  # without the code, for a caller that adds its own context


class ConfigError(ConsortiaError):
    """The config file or a file it names cannot be read or is invalid: the run cannot start."""

    code = "C001"


class OutputError(ConsortiaError):
    """The output cannot be written: the run cannot start."""

    code = "C002"


class InputError(ConsortiaError):
    """An input path or document cannot be read or decoded: that document fails, the run goes on."""

    code = "C010"


class DocumentError(ConsortiaError):
    """A document was read but could not be processed: that document fails, the run goes on."""

    code = "C020"


class GoldError(ConsortiaError):
    """A gold file is missing or invalid."""

    code = "C030"


class TimeLimitError(DocumentError):
    """A document took longer than `[pipeline] max_seconds_per_document`: that document gets an
    error record, the run goes on."""

    code = "C021"


class DuplicateIdError(ConsortiaError):
    """Two different records carry one doc_id (export): the second is reported, not loaded."""

    code = "C040"


class ConsortiaWarning:
    """A note on a record that was made but may be wrong; like errors, `[code] message`, with
    codes W0xx that users can search for. Not a failure: the exit status stays 0."""

    code = "W000"

    def __init__(self, message: str):
        self.message = f"[{self.code}] {message}"

    def __str__(self) -> str:
        return self.message


class CleanedAwayWarning(ConsortiaWarning):
    """Cleaning kept nothing of a document, or under `[pipeline] min_kept_fraction` of its words:
    the page may have been taken for furniture."""

    code = "W010"
