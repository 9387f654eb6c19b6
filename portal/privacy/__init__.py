"""Personal data: the subject-access page of the secretariat (find, export, erase) and the
retention run (``flask --app portal privacy purge``). The public notice is ``public.privacy``."""
from flask import Blueprint

bp = Blueprint("privacy", __name__, url_prefix="/secretariat/privacy")

from . import routes  # noqa: E402,F401
