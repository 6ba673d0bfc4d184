"""The media folder, where a write that fails leaves nothing behind.

Django's FileSystemStorage creates a file under its final name, then writes the
bytes into it. When the disk fills up in between, an empty or cut-off file stays
under the name pages would link to, and nothing points at it to clean it up.
Here the bytes go to a hidden temporary name in the same folder first; only a
complete file is linked under its real name, and a failed one is removed.
Readers therefore never see half a file either.
"""

import contextlib
import os
import uuid
from typing import Any

from django.core.files import File
from django.core.files.storage import FileSystemStorage


class MediaStorage(FileSystemStorage):
    # _save and _allow_overwrite are FileSystemStorage's (Django 6.1), not in django-stubs.
    def _save(self, name: str, content: File[Any]) -> str:
        directory = os.path.dirname(name)
        partial = os.path.join(directory, f".{uuid.uuid4().hex}.part")
        try:
            # A random name is never taken, so Django's own write keeps it.
            partial = super()._save(partial, content)  # type: ignore[misc]
            return self._publish(partial, name)
        except OSError:
            with contextlib.suppress(OSError):
                os.remove(self.path(partial))
            raise

    def _publish(self, partial: str, name: str) -> str:
        """Give the complete file at ``partial`` the name ``name`` (or a free variant)."""
        source = self.path(partial)
        while True:
            target = self.path(name)
            try:
                if self._allow_overwrite:  # type: ignore[attr-defined]
                    os.replace(source, target)
                    break
                # Unlike a rename, a link refuses a name that is taken, as
                # Django's O_EXCL does: two uploads never overwrite each other.
                os.link(source, target)
            except FileExistsError:
                name = self.get_available_name(name)
            else:
                # The file is published; a leftover second link to it is harmless.
                with contextlib.suppress(OSError):
                    os.remove(source)
                break
        return os.path.relpath(target, self.location).replace("\\", "/")
