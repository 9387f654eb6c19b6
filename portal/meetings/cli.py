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

    config = current_app.config
    if config.get("SERVER_NAME"):
        sent = send_reminders()
    else:
        # Links in the mail need the portal's address: PUBLIC_BASE_URL (or SERVER_NAME).
        base = config.get("PUBLIC_BASE_URL") or "http://localhost"
        if not config.get("PUBLIC_BASE_URL"):
            click.echo("PUBLIC_BASE_URL is not set: links in the reminders use http://localhost.",
                       err=True)
        with current_app.test_request_context("/", base_url=base):
            sent = send_reminders()
    click.echo(f"Reminders queued: {sent}.")
