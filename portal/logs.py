"""Logs for operators: values from users cannot forge lines, and refusals are recorded.

Every log record's message and arguments have their control characters escaped (``\\n`` →
``\\\\n``), whichever library logs them, so an email address or a path carrying a newline
stays on one line. Tracebacks are added by the formatter afterwards and keep their lines.
"""
import logging
import re

from flask import has_request_context, request

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
log = logging.getLogger("portal.security")


def _written_out(match):
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def escape(value):
    """``value`` with control characters written out; other types are returned as they are."""
    if not isinstance(value, str):
        return value
    return _CONTROL.sub(_written_out, value)


def _escaped_args(args):
    if isinstance(args, dict):
        return {key: escape(value) for key, value in args.items()}
    if isinstance(args, tuple):
        return tuple(escape(value) for value in args)
    return args


# Loggers whose message text is the library's own (the development server's coloured banner);
# what comes from a request reaches them as arguments, which are escaped like everyone's.
OWN_TEXT_LOGGERS = {"werkzeug"}
_installed = False


def install():
    """Escape every record made from now on, in this process (idempotent)."""
    global _installed
    if _installed:
        return
    make_record = logging.getLogRecordFactory()

    def factory(*args, **kwargs):
        record = make_record(*args, **kwargs)
        if record.name not in OWN_TEXT_LOGGERS:
            record.msg = escape(record.msg)
        record.args = _escaped_args(record.args)
        return record

    logging.setLogRecordFactory(factory)
    _installed = True


def log_denial(status, reason=""):
    """One line per refused request: status, reason, method, path, user id and address."""
    if not has_request_context():
        return
    from flask_login import current_user

    user_id = current_user.id if current_user.is_authenticated else None
    log.warning("denied %s%s: %s %s user=%s ip=%s", status, f" ({reason})" if reason else "",
                request.method, request.full_path.rstrip("?"), user_id or "-",
                request.remote_addr or "-")
