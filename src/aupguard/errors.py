"""Errors a user can act on. The command prints them as one line and exits 3."""


class AupguardError(Exception):
    """Base for errors that are the input's fault, not a bug."""


class UsageError(AupguardError):
    """Bad arguments, an unreadable file, an unknown policy."""


class PackError(AupguardError):
    """A malformed policy pack. `problems` holds (file, line, message) for each one."""

    def __init__(self, problems: list[tuple[str, int, str]]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{f}:{line}: {msg}" for f, line, msg in problems))
