"""What the CLI prints about documents: paths and text made safe for a terminal or a log.

A file name or a document may hold a line break, an ANSI escape or a right-to-left override;
printed raw, `a\\nerror: ...txt` forges a line of our own output and `\\x1b[2J` clears the
screen. Every path, message and piece of text from the data goes through `safe` before the CLI
prints it: control and layout characters are shown escaped, as `repr` shows them.
"""

import logging
import re
import sys

# C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional controls.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """`text` on one line, with each unsafe character as its escape (`\\n`, `\\x1b`, `\\u202e`)."""
    return _UNSAFE.sub(lambda m: repr(m.group())[1:-1], str(text))


class SafeFormatter(logging.Formatter):
    """Log records as one safe line each: a logged path cannot start a line of its own."""

    def format(self, record: logging.LogRecord) -> str:
        return safe(super().format(record))


class _Stderr(logging.StreamHandler):
    """A handler on whatever sys.stderr is when it writes (click's test runner swaps it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def install_log_handler() -> None:
    """The library's warnings on stderr, escaped; once per process (the CLI calls it)."""
    logger = logging.getLogger("consortia")
    if not any(isinstance(h, _Stderr) for h in logger.handlers):
        handler = _Stderr()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(SafeFormatter("%(message)s"))
        logger.addHandler(handler)
