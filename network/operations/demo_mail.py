"""Where `manage.py seed_demo` puts the emails its seeding sends: one .eml file per message.

The seed triggers emails through the real services (notices, invitations, reminders). On the
console they would bury the demo logins, so the seed sends them here instead: each message a
file `NNNN.eml` in the folder given by EMAIL_FILE_PATH (the seed uses var/mail/), readable in
any mail program. Nothing leaves the machine.
"""

from __future__ import annotations

import pathlib
import threading

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class DemoMailFolderBackend(BaseEmailBackend):
    """Writes each message to its own numbered .eml file; `written` counts them since `reset`."""

    written = 0
    _lock = threading.Lock()

    def __init__(self, *, file_path: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.folder = pathlib.Path(file_path or settings.EMAIL_FILE_PATH)

    @classmethod
    def reset(cls, folder: pathlib.Path) -> None:
        """Start an empty mail folder: earlier seeds' .eml files are removed, the count is zero."""
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.eml"):
            old.unlink()
        cls.written = 0

    def send_messages(self, email_messages) -> int:
        sent = 0
        self.folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            with DemoMailFolderBackend._lock:
                DemoMailFolderBackend.written += 1
                number = DemoMailFolderBackend.written
            (self.folder / f"{number:04d}.eml").write_bytes(message.message().as_bytes())
            sent += 1
        return sent
