"""``flask --app portal meetings ...`` commands."""
import click
from flask import current_app
from flask.cli import AppGroup

meetings_cli = AppGroup("meetings", help="Joint advocacy meetings.")


@meetings_cli.command("remind")
def remind():
    """Email confirmed participants the day before their meeting (safe to run from cron
    repeatedly: nobody gets the same reminder twice)."""
    from .reminders import send_reminders

    if not (current_app.config.get("PUBLIC_BASE_URL") or current_app.config.get("SERVER_NAME")):
        raise click.ClickException("Set PUBLIC_BASE_URL (e.g. https://portal.example.org): "
                                   "the reminders link to the meetings.")
    sent = send_reminders()
    click.echo(f"Reminders queued: {sent}.")
