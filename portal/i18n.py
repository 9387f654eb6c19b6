"""Locale choice, text direction, Arabic-Indic digits and date formats."""
from urllib.parse import urlencode

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.numbers import format_decimal
from flask import current_app, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user

LANG_COOKIE = "lang"
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
# What people type: Arabic-Indic (U+0660..) and Persian/Urdu (U+06F0..) digits → ASCII.
TO_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Babel locales used for formatting: Arabic as written in Syria (Levantine month names).
FORMAT_LOCALE = {"ar": "ar_SY", "en": "en_GB"}


def select_locale():
    """The user's saved preference, then the language cookie, then Accept-Language, then Arabic."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = switched_language()
    if chosen:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in languages:
        return cookie
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def switched_language():
    """The language asked for with ``?lang=`` on this request, if any."""
    wanted = request.args.get("lang")
    return wanted if wanted in current_app.config["LANGUAGES"] else None


def switch_language_url(lang):
    """This page in another language, with its filters kept: ``?q=x&lang=en``."""
    args = request.args.copy()
    args["lang"] = lang
    return request.path + "?" + urlencode(list(args.items(multi=True)))


def language():
    locale = get_locale()
    return locale.language if locale else "ar"


def text_direction():
    return Locale.parse(language()).text_direction


def localize_digits(text):
    """Arabic-Indic digits on Arabic pages, as the alliance writes them."""
    text = str(text)
    return text.translate(ARABIC_INDIC) if language() == "ar" else text


def ascii_digits(text):
    return text.translate(TO_ASCII_DIGITS) if isinstance(text, str) else text


def format_number(value):
    if value is None:
        return ""
    return localize_digits(format_decimal(value, locale=FORMAT_LOCALE[language()]))


def format_date(value, fmt="d MMMM y"):
    """``2 نيسان 2014`` → ``٢ نيسان ٢٠١٤`` in Arabic, ``2 April 2014`` in English."""
    if value is None:
        return ""
    return localize_digits(babel_format_date(value, fmt, locale=FORMAT_LOCALE[language()]))


def format_datetime(value, fmt="d MMMM y, HH:mm"):
    if value is None:
        return ""
    return localize_digits(
        babel_format_datetime(value, fmt, tzinfo=current_app.config.get("DISPLAY_TIMEZONE", "UTC"),
                              locale=FORMAT_LOCALE[language()])
    )


def init_app(app):
    """Remember the language switch (``?lang=en``); template filters and globals."""

    @app.after_request
    def _remember_language(response):
        wanted = switched_language()
        if wanted:
            response.set_cookie(LANG_COOKIE, wanted, max_age=365 * 24 * 3600, samesite="Lax",
                                httponly=True, secure=app.config.get("SESSION_COOKIE_SECURE", False))
            if current_user.is_authenticated and current_user.locale != wanted:
                from .account.services import set_language

                set_language(current_user, wanted)
        return response

    app.jinja_env.filters["num"] = format_number
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.globals["text_direction"] = text_direction
    app.jinja_env.globals["language"] = language
    app.jinja_env.globals["switch_language_url"] = switch_language_url
