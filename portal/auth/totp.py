"""TOTP (RFC 6238) helpers: the secret encrypted at rest, codes, recovery codes, the QR code.

The secret is encrypted with Fernet under a key derived (HKDF-SHA256) from SECRET_KEY, so a
copy of the database alone does not give anyone the users' second factor. Changing SECRET_KEY
therefore makes every user enrol again.
"""
import base64
import hmac
import secrets

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

from ..i18n import ascii_digits
from ..security import token_hash

ISSUER = "Syrian NGO Alliance"
STEP_SECONDS = 30
RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _fernet():
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"portal.totp",
               info=b"totp secret at rest v1").derive(current_app.config["SECRET_KEY"].encode())
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(secret):
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token):
    """The plain secret, or None when it cannot be read (e.g. SECRET_KEY changed)."""
    try:
        return _fernet().decrypt((token or "").encode()).decode()
    except (InvalidToken, ValueError):
        return None


def new_secret():
    return pyotp.random_base32()


def provisioning_uri(secret, email):
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(uri, title):
    """The enrolment QR code as inline SVG markup (no script, no style attribute, no request
    to any other site)."""
    return segno.make(uri, error="m").svg_inline(scale=5, border=4, dark="#000", light="#fff",
                                                 title=title, svgclass="qr", lineclass=None)


def clean(code):
    """What people type: Arabic-Indic digits, spaces and dashes are accepted."""
    return "".join(ch for ch in ascii_digits(code or "") if ch.isalnum()).lower()


def matching_step(secret, code, after_step, at):
    """The time step (±1 for clock drift) whose code is ``code``, if it is later than
    ``after_step``: a code is accepted once (no replay within its time step)."""
    code = clean(code)
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = int(at.timestamp()) // STEP_SECONDS
    for step in (current - 1, current, current + 1):
        if step > (after_step or 0) and hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def new_recovery_codes():
    """Ten random codes to show once (``xxxxx-xxxxx``) and the hashes to store."""
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        codes.append(raw[:5] + "-" + raw[5:])
    return codes, [recovery_hash(c) for c in codes]


def recovery_hash(code):
    return token_hash("recovery:" + clean(code))
