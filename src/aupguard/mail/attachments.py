"""One attachment, looked at all the way down: its real type, its text, and the files
inside it when it is an archive.

Archives are opened to `max_archive_depth` levels; one nested deeper, a container that
cannot be opened (7z, rar, ...) or a limit reached inside becomes a problem, so the
message is held rather than delivered with an unread corner. Encrypted members and
documents are marked, not guessed at.
"""

from __future__ import annotations

from aupguard.mail import filetype
from aupguard.mail.archives import OPENABLE, READ_ERRORS, LimitExceeded, members
from aupguard.mail.extract import extract
from aupguard.mail.limits import Budget, Limits
from aupguard.mail.parts import (
    ARCHIVE_LIMIT,
    TEXT_LIMIT,
    TOO_DEEP,
    UNREADABLE,
    UNSUPPORTED,
    AttachmentEntry,
    Problem,
)

# Containers whose insides are not read here: the message is held as "could not be
# checked". ISO and CAB images are usually software, so they are held too.
_UNSUPPORTED_NOTE = "its contents cannot be opened to check them"


class Inspector:
    """Inspects the attachments of one message, sharing that message's budget and
    collecting its problems."""

    def __init__(self, limits: Limits, budget: Budget, problems: list[Problem]) -> None:
        self.limits = limits
        self.budget = budget
        self.problems = problems

    def inspect(
        self,
        data: bytes,
        *,
        filename: str,
        declared_type: str,
        part: str,
        charset: str | None = None,
    ) -> AttachmentEntry:
        """The entry for an attachment found at MIME part `part`."""
        return self._inspect(data, filename, declared_type, part, filename, part, 0, charset)

    def _inspect(
        self,
        data: bytes,
        filename: str,
        declared_type: str,
        part: str,
        path: str,
        entry_id: str,
        depth: int,
        charset: str | None,
    ) -> AttachmentEntry:
        ft = filetype.detect(data)
        entry = AttachmentEntry(
            id=entry_id,
            part=part,
            path=path,
            filename=filename,
            declared_type=declared_type,
            detected=ft,
            size=len(data),
            mismatch=bool(filename) and filetype.name_mismatch(filename, ft),
            risky_name=bool(filename) and filetype.risky_name(filename),
        )
        if ft.name == "encrypted-office":
            entry.encrypted = True
        elif ft.kind == filetype.ARCHIVE:
            self._open(entry, data, depth)
        elif ft.kind in (filetype.DOCUMENT, filetype.TEXT):
            self._read_text(entry, data, charset)
        return entry

    def _problem(self, code: str, detail: str, entry: AttachmentEntry) -> None:
        self.problems.append(Problem(code, f"{entry.path}: {detail}", entry.id))

    def _read_text(self, entry: AttachmentEntry, data: bytes, charset: str | None) -> None:
        got = extract(data, entry.detected, self.limits, self.budget, charset)
        entry.encrypted, entry.macros = got.encrypted, got.macros
        entry.text_method = got.method
        for reason in got.problems:
            code = TEXT_LIMIT if "characters of text" in reason else UNREADABLE
            self._problem(code, reason, entry)
        if got.text is not None:
            self.budget.chars += len(got.text)
            if self.budget.chars > self.limits.max_total_chars:
                self._problem(TEXT_LIMIT, f"more than {self.limits.max_total_chars:,} "
                              "characters of text in the message", entry)
                return
            entry.text = got.text

    def _open(self, entry: AttachmentEntry, data: bytes, depth: int) -> None:
        ft = entry.detected
        if ft.name not in OPENABLE:
            self._problem(UNSUPPORTED, f"a {ft.name} archive: {_UNSUPPORTED_NOTE}", entry)
            return
        if depth >= self.limits.max_archive_depth:
            self._problem(TOO_DEEP, f"archives nested more than "
                          f"{self.limits.max_archive_depth} deep", entry)
            return
        try:
            for member in members(data, ft, entry.filename, self.limits, self.budget):
                name = member.name.replace("\\", "/").lstrip("/")
                path = f"{entry.path}/{name}"
                if member.data is None:
                    entry.members.append(self._unread(entry, name, path, member.encrypted))
                    if member.encrypted:
                        entry.encrypted = True
                    continue
                entry.members.append(self._inspect(
                    member.data, name.rsplit("/", 1)[-1], "", entry.part, path,
                    f"{entry.part}:{path}", depth + 1, None))
        except LimitExceeded as exc:
            self._problem(ARCHIVE_LIMIT, str(exc), entry)
        except READ_ERRORS as exc:
            self._problem(UNREADABLE, f"the {ft.name} archive could not be read: "
                          f"{exc!s:.200}", entry)

    def _unread(self, parent: AttachmentEntry, name: str, path: str,
                encrypted: bool) -> AttachmentEntry:
        return AttachmentEntry(
            id=f"{parent.part}:{path}", part=parent.part, path=path,
            filename=name.rsplit("/", 1)[-1], declared_type="", detected=filetype.OCTET,
            size=0, encrypted=encrypted,
            risky_name=filetype.risky_name(name),
        )
