"""``flask --app portal privacy ...`` commands."""
import click
from flask.cli import AppGroup

privacy_cli = AppGroup("privacy", help="Personal data.")


@privacy_cli.command("purge")
def purge():
    """Delete volunteer applications, mail bodies, old reset links and invitations, and old IP
    addresses in the audit log, once their retention period is over (run it daily from cron;
    running it twice changes nothing more)."""
    from .retention import purge as run

    counts = run()
    click.echo("Volunteer applications deleted: {volunteer_applications}. "
               "Mail bodies emptied: {mail_bodies}. "
               "Password resets deleted: {password_resets}. "
               "Invitations deleted: {invitations}. "
               "Audit IP addresses removed: {audit_ip_addresses}.".format(**counts))
