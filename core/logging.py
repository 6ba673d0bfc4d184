"""One JSON object per log line, so logs can be searched by field.

Fields passed with ``extra=`` (``event``, ``comment_id``, ``reason``, …) become
keys of the object. Personal data stays out by convention: log ids and
reasons, not names, phone numbers or comment text.
"""

import json
import logging
from datetime import UTC, datetime

# Attributes every LogRecord has; anything else came from ``extra=``.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, str | int | float | bool | None] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = (
                    value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
                )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class WarningWithoutTraceback(logging.Filter):
    """Turns a logger's records into one-line warnings: no ERROR, no traceback.

    Django logs every request with a Host outside ALLOWED_HOSTS as an ERROR
    with its full traceback. Scanners send thousands of those; each says only
    "someone asked for another site", which is worth a line, not an alert.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        return True
