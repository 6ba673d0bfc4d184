"""Documents attached to articles ("Văn bản đính kèm"): what a file is, and how it is served.

A city portal publishes decisions, forms and schedules as PDF, Word, Excel
and OpenDocument files. The type is decided by the file's bytes, never by
its name or the type the browser claimed: an HTML page renamed ``.pdf`` would
otherwise be served to readers as a document, and a PDF sent as ``.docx`` by
another office would download under a name no program opens. The stored
name's extension, the type shown on the page and the Content-Type served all
come from what is detected here.
"""

import re
import struct
import unicodedata
import zipfile
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.text import vietnamese_slugify


class DocumentKind(models.TextChoices):
    """The document types accepted; each value is the stored file's extension."""

    PDF = "pdf", "PDF"
    DOC = "doc", "DOC"
    DOCX = "docx", "DOCX"
    XLS = "xls", "XLS"
    XLSX = "xlsx", "XLSX"
    ODT = "odt", "ODT"
    ODS = "ods", "ODS"


CONTENT_TYPES = {
    DocumentKind.PDF: "application/pdf",
    DocumentKind.DOC: "application/msword",
    DocumentKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DocumentKind.XLS: "application/vnd.ms-excel",
    DocumentKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    DocumentKind.ODT: "application/vnd.oasis.opendocument.text",
    DocumentKind.ODS: "application/vnd.oasis.opendocument.spreadsheet",
}

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"

# The stream that makes an OLE2 compound file a Word or an Excel document
# (PowerPoint, Outlook messages and installers are compound files too).
_OLE2_STREAMS = {"WordDocument": DocumentKind.DOC, "Workbook": DocumentKind.XLS,
                 "Book": DocumentKind.XLS}  # fmt: skip
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": DocumentKind.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": DocumentKind.ODS,
}


@dataclass(frozen=True)
class DocumentInfo:
    kind: DocumentKind
    size: int

    @property
    def extension(self) -> str:
        return self.kind.value


def inspect_document(file: File) -> DocumentInfo:
    """What ``file`` is, by its content; ``ValidationError`` in words an editor understands.

    The size limit is ``NEWSROOM_ATTACHMENT_MAX_BYTES``. Only the few bytes that
    tell the type are read, and of a ZIP-based file only its list of entries
    and the short ``mimetype`` entry: nothing is unpacked.
    """
    max_bytes = settings.NEWSROOM_ATTACHMENT_MAX_BYTES
    size = file.size
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s). Dung lượng tối đa là %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
            code="file_too_large",
        )
    if not size:
        raise ValidationError(_("Tệp tải lên không có nội dung."), code="empty")
    kind: DocumentKind | None
    try:
        file.seek(0)
        head = file.read(8)
        if head.startswith(PDF_MAGIC):
            kind = DocumentKind.PDF
        elif head == OLE2_MAGIC:
            file.seek(0)
            kind = _compound_file_kind(file.read())
        elif head.startswith(ZIP_MAGIC):
            file.seek(0)
            kind = _zip_kind(file)
        else:
            kind = None
    finally:
        file.seek(0)
    if kind is None:
        raise ValidationError(
            _(
                "Tệp này không phải là văn bản được hỗ trợ. Hãy đính kèm tệp PDF, "
                "Word (DOC, DOCX), Excel (XLS, XLSX) hoặc OpenDocument (ODT, ODS)."
            ),
            code="invalid_document",
        )
    return DocumentInfo(kind=kind, size=size)


def _compound_file_kind(data: bytes) -> DocumentKind | None:
    """DOC or XLS, from the names of the streams in an OLE2 compound file's directory.

    Directory entries are 128 bytes, aligned to 128 after the header whatever
    the sector size: a UTF-16 name, its length in bytes (with the final NUL)
    at 0x40 and the entry's type at 0x42 (2 for a stream). Checking all three
    keeps the same words in the document's text from counting.
    """
    for offset in range(512, len(data) - 127, 128):
        entry = data[offset : offset + 128]
        name_length, entry_type = struct.unpack_from("<HB", entry, 0x40)
        if entry_type != 2 or not 2 <= name_length <= 64 or name_length % 2:
            continue
        name = entry[: name_length - 2].decode("utf-16-le", errors="replace")
        if name in _OLE2_STREAMS:
            return _OLE2_STREAMS[name]
    return None


def _zip_kind(file: File) -> DocumentKind | None:
    """DOCX, XLSX, ODT or ODS, from the entries of a ZIP-based document."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                # Macros run when the file is opened; a portal has no reason to hand them out.
                if any(name.endswith("vbaProject.bin") for name in names):
                    return None
                if any(name.startswith("word/") for name in names):
                    return DocumentKind.DOCX
                if any(name.startswith("xl/") for name in names):
                    return DocumentKind.XLSX
                return None
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    return _ODF_MIMETYPES.get(entry.read(100).strip())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError):
        return None
    return None


def download_filename(title: str, extension: str) -> str:
    """The name a reader's browser saves the file under: the title, readable, with no path in it."""
    name = unicodedata.normalize("NFC", title)
    name = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in name)
    name = re.sub(r'[\\/:*?"<>|]+', " ", name)
    name = " ".join(name.split())[:150].strip(" .") or "van-ban"
    return f"{name}.{extension}"


def content_disposition(title: str, extension: str) -> str:
    """``attachment`` with the Vietnamese name (RFC 5987/6266) and an ASCII one for old clients."""
    filename = download_filename(title, extension)
    fallback = f"{vietnamese_slugify(title, max_length=100) or 'van-ban'}.{extension}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
