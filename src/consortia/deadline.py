"""A time limit for work in the main thread: SIGALRM raises `Expired` where the work stands.

Used around the model and the stages (`[pipeline] max_seconds_per_document`), so that one
document that takes too long becomes an error record instead of holding the batch. `Expired` is a
BaseException: the stages' guards catch Exception (to record a stage's failure and go on) and
must not take a time limit for one. Where SIGALRM is not available (another thread, such as a
Dask worker's, or Windows) the limit is not applied; a process pool's parent also replaces a
worker that does not answer (runner.py), which covers code that does not return to Python.
"""

import signal
import threading


class Expired(BaseException):
    """The time given to a document is up."""


class Deadline:
    """`with Deadline(seconds) as clock:` raises Expired after `seconds` unless `clock.rearm()`
    starts the count again (after each finished document) or the block ends."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.active = (hasattr(signal, "setitimer")
                       and threading.current_thread() is threading.main_thread())
        self.previous = None

    def __enter__(self) -> "Deadline":
        if self.active:
            self.previous = signal.signal(signal.SIGALRM, self._expire)
            self.rearm()
        return self

    def rearm(self, seconds: float | None = None) -> None:
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, seconds if seconds is not None else self.seconds)

    def _expire(self, signum, frame) -> None:
        raise Expired(self.seconds)

    def __exit__(self, *exc) -> None:
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
