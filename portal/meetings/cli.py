"""``flask --app portal meetings ...`` commands."""
from flask.cli import AppGroup

meetings_cli = AppGroup("meetings", help="Joint advocacy meetings.")
