"""The alliance's coordination portal: ``create_app()`` builds the Flask application."""
import logging
import os

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from . import config as config_module
from . import logs
from .extensions import babel, csrf, db, limiter, login_manager, migrate

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def create_app(config=None):
    """Build the portal. ``config`` (a dict) overrides the environment; tests pass one."""
    app = Flask(
        __name__,
        template_folder=os.path.join(ROOT, "templates"),
        static_folder=os.path.join(ROOT, "static"),
        instance_relative_config=True,
    )
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.update(config_module.DEFAULTS)
    app.config.update(config_module.from_environment(app.instance_path))
    if config:
        app.config.update(config)
    config_module.check_production(app.config)
    app.config["TRUSTED_HOSTS"] = config_module.trusted_hosts(app.config)
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        # Behind N trusted proxies: the client's address, scheme and host come from their
        # X-Forwarded-* headers (only the last N hops are believed).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies,
                                x_port=proxies, x_prefix=proxies)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", os.path.join(ROOT, "translations"))
    app.config["RATELIMIT_STORAGE_URI"] = app.config["RATELIMIT_STORAGE_URI"] or "memory://"
    app.jinja_env.add_extension("jinja2.ext.do")
    logs.install()
    if not app.debug:
        logging.basicConfig(level=logging.INFO)

    app.url_map.converters["int"] = BoundedIntConverter
    _init_extensions(app)
    _register_blueprints(app)

    from . import cli, errors

    errors.init_app(app)
    cli.init_app(app)
    return app


class BoundedIntConverter(IntegerConverter):
    """``<int:id>`` that fits a database integer: larger numbers are a 404, not a crash."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def _init_extensions(app):
    from . import i18n, mail, markup, permissions, security, urls
    from .auth import enforce, sessions
    from .models.audit import install_guard

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(ROOT, "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale,
                   timezone_selector=lambda: app.config["DISPLAY_TIMEZONE"])
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    security.init_app(app)
    sessions.init_app(app)
    enforce.init_app(app)
    i18n.init_app(app)
    mail.init_app(app)
    markup.init_app(app)
    urls.init_app(app)
    install_guard()
    app.context_processor(permissions.template_helpers)
    permissions.classify(app.view_functions["static"], permissions.PUBLIC)


def _register_blueprints(app):
    from .account import bp as account_bp
    from .activities import bp as activities_bp
    from .auth import bp as auth_bp
    from .coordination import bp as coordination_bp
    from .meetings import bp as meetings_bp
    from .members import bp as members_bp
    from .moderation import bp as moderation_bp
    from .privacy import bp as privacy_bp
    from .public import bp as public_bp
    from .resources import bp as resources_bp
    from .secretariat import bp as secretariat_bp

    for bp in (public_bp, auth_bp, account_bp, members_bp, activities_bp, coordination_bp,
               meetings_bp, moderation_bp, secretariat_bp):
        app.register_blueprint(bp)
    app.register_blueprint(resources_bp)
    app.register_blueprint(privacy_bp)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """SQLite: enforce foreign keys, write-ahead log, and wait rather than fail when busy."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
