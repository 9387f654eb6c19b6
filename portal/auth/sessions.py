"""Server-side login sessions: started at login, loaded on each request, ended one by one.

The browser's session cookie holds only a random key; the record stores its hash with the
device, the approximate place (IP prefix), when it was last seen, and when it ends (idle
timeout by role, absolute lifetime, "keep me logged in" for members only).
"""
import ipaddress
import secrets
from datetime import timezone

from flask import current_app, g, request, session, url_for
from flask_login import login_user, logout_user
from sqlalchemy.orm import joinedload

from .. import audit, mail
from ..extensions import db
from ..models import UserSession, base
from ..security import client_ip, token_hash

PENDING_KEYS = ("two_factor", "totp_pending")


def now():
    return base.utcnow()


def _aware(dt):
    return dt if dt is None or dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def idle_timeout(user):
    cfg = current_app.config
    return cfg["SESSION_IDLE_SECRETARIAT"] if user.is_secretariat else cfg["SESSION_IDLE_MEMBER"]


def lifetime(user, remember):
    cfg = current_app.config
    if user.is_secretariat:
        return cfg["SESSION_LIFETIME_SECRETARIAT"]
    return cfg["SESSION_LIFETIME_REMEMBER"] if remember else cfg["SESSION_LIFETIME_MEMBER"]


def may_remember(user):
    """"Keep me logged in" is for members only; the secretariat's sessions stay short."""
    return not user.is_secretariat


def ip_prefix(address):
    """The network a visitor is in, not their address: IPv4 /24, IPv6 /48."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return ""
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    bits = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{bits}", strict=False))


_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"),
             ("Chromium/", "Chromium"), ("Safari/", "Safari"), ("curl/", "curl"))
_SYSTEMS = (("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"),
            ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"))


def device_label(user_agent):
    """A short name for a browser: "Firefox · Windows" (empty when unknown)."""
    ua = user_agent or ""
    browser = next((name for marker, name in _BROWSERS if marker in ua), "")
    system = next((name for marker, name in _SYSTEMS if marker in ua), "")
    label = " · ".join(part for part in (browser, system) if part)
    return label or ua[:60]


def _device_id():
    """This browser's long-lived random device id (set in a cookie after the response)."""
    name = current_app.config["DEVICE_COOKIE_NAME"]
    value = request.cookies.get(name, "")
    if len(value) < 32 or len(value) > 64:
        value = secrets.token_urlsafe(32)
        g.new_device_cookie = value
    return value


def _is_new_device(user, device_hash):
    """A device this user has never logged in from (not counted for the first login ever)."""
    seen = db.select(UserSession.id).where(UserSession.user_id == user.id)
    if db.session.scalar(seen.limit(1)) is None:
        return False
    return db.session.scalar(seen.where(UserSession.device_hash == device_hash).limit(1)) is None


def start(user, remember=False, action="login.succeeded"):
    """Open a session for ``user`` on this device and log them in; mail them when the device
    is new to them. Commits."""
    t = now()
    remember = bool(remember) and may_remember(user)
    key = secrets.token_urlsafe(32)
    device_hash = token_hash(_device_id())
    new_device = _is_new_device(user, device_hash)
    record = UserSession(
        user=user, key_hash=token_hash(key), generation=user.session_token,
        device_hash=device_hash, device=device_label(request.user_agent.string)[:120],
        ip_prefix=ip_prefix(client_ip()), remember=remember, created_at=t, last_seen_at=t,
        last_auth_at=t, expires_at=t + lifetime(user, remember),
    )
    db.session.add(record)
    user.last_login_at = t
    if action:
        audit.record(action, actor=user, obj=user)
    if new_device:
        mail.queue(user.email, "new_device_login", locale=user.locale or "ar", user=user,
                   device=record.device, place=record.ip_prefix, when=t,
                   link=url_for("account.security", _external=True))
    db.session.commit()
    for name in PENDING_KEYS:
        session.pop(name, None)
    login_user(user, remember=False)
    session["_user_id"] = key
    session.permanent = remember
    g.user_session = record
    return record


def load(key):
    """The user of a live session with this key, or None (ended, idle, expired, rotated)."""
    if not key or not isinstance(key, str):
        return None
    record = db.session.scalar(db.select(UserSession).options(joinedload(UserSession.user))
                               .where(UserSession.key_hash == token_hash(key)))
    if record is None or record.revoked_at is not None:
        return None
    user = record.user
    if not user.is_active or record.generation != user.session_token:
        return None
    t = now()
    last_seen = _aware(record.last_seen_at)
    if t >= _aware(record.expires_at) or t - last_seen > idle_timeout(user):
        return None
    if t - last_seen >= current_app.config["SESSION_TOUCH_INTERVAL"]:
        # At most one write every few minutes, not one per request.
        record.last_seen_at = t
        record.ip_prefix = ip_prefix(client_ip())
        db.session.commit()
    g.user_session = record
    return user


def current():
    """The session record of this request (None when not logged in)."""
    return g.get("user_session")


def end_current(user):
    """Log out on this device only. Commits."""
    record = current()
    if record is not None:
        record.revoked_at = now()
        audit.record("logout", actor=user, obj=user, after={"session": record.id})
        db.session.commit()
    logout_user()


def carry_over(user):
    """Keep this device logged in after the user's token was rotated (password change)."""
    record = current()
    if record is not None and record.user_id == user.id:
        record.generation = user.session_token
        record.last_auth_at = now()
        db.session.commit()


def confirm(user):
    """The user proved who they are again (password or code) on this device. Commits."""
    record = current()
    if record is not None:
        record.last_auth_at = now()
        db.session.commit()


def recently_confirmed():
    record = current()
    if record is None:
        return False
    return now() - _aware(record.last_auth_at) <= current_app.config["RECENT_AUTH_MINUTES"]


def active_sessions(user):
    """The user's live sessions, most recently seen first."""
    t = now()
    rows = db.session.scalars(
        db.select(UserSession)
        .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None),
               UserSession.generation == user.session_token, UserSession.expires_at > t)
        .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())
    ).all()
    idle = idle_timeout(user)
    return [r for r in rows if t - _aware(r.last_seen_at) <= idle]


def revoke(user, session_id):
    """Log out one of the user's own devices; False when there is no such live session."""
    record = next((r for r in active_sessions(user) if r.id == session_id), None)
    if record is None:
        return False
    record.revoked_at = now()
    audit.record("session.revoked", actor=user, obj=user, after={"session": record.id})
    db.session.commit()
    return True


def revoke_others(user):
    """Log out every other device of the user; returns how many sessions ended."""
    keep = current()
    ended = 0
    for record in active_sessions(user):
        if keep is None or record.id != keep.id:
            record.revoked_at = now()
            ended += 1
    audit.record("session.revoked_others", actor=user, obj=user, after={"sessions_ended": ended})
    db.session.commit()
    return ended


def init_app(app):
    """Give a browser its device cookie the first time it logs in."""

    @app.after_request
    def _device_cookie(response):
        value = g.pop("new_device_cookie", None)
        if value:
            response.set_cookie(app.config["DEVICE_COOKIE_NAME"], value, max_age=400 * 24 * 3600,
                                httponly=True, samesite="Lax",
                                secure=app.config.get("SESSION_COOKIE_SECURE", False))
        return response
