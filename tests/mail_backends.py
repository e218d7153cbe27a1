"""Mail backends for tests that run a real worker."""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    """Django's file backend that leaves a `started-<pid>` marker, then takes its time before writing.

    A test waits for the marker and kills the worker while the mail is in the middle of delivery.
    """

    delay_seconds = 10

    def send_messages(self, email_messages):
        (Path(self.file_path) / f"started-{os.getpid()}").touch()
        time.sleep(self.delay_seconds)
        return super().send_messages(email_messages)
