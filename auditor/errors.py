"""Errors the user can act on. The CLI prints them as one line and exits with code 2."""


class UsageError(Exception):
    """A problem with how the tool was called or configured."""


class InputError(Exception):
    """A file that cannot be audited (missing, binary, empty, unreadable...)."""


class EmptyInput(InputError):
    """A file with nothing in it (or only white space): nothing to audit, which is not a failure."""


class WorkerError(Exception):
    """A worker process ended without a report (killed, or out of memory): the run cannot be trusted."""
