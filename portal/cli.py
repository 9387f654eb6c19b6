"""Operator commands: ``flask --app portal seed | users create | mail send | mail worker``."""
import os
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from . import audit, mail, mail_delivery, mail_worker, seeding
from .extensions import db
from .models import Organisation, User
from .security import hash_password, password_problem

users_cli = AppGroup("users", help="Manage accounts.")
mail_cli = AppGroup("mail", help="The mail outbox.")


@click.command("seed")
@click.option("--demo", is_flag=True, help="Also add fictional demo organisations and accounts.")
def seed_command(demo):
    """Load reference data and default pages (idempotent); with --demo, demo data too."""
    added = seeding.seed_reference()
    pages = seeding.seed_pages()
    click.echo(f"Reference data: {added} added. Pages: {pages} added.")
    if demo:
        logins = seeding.seed_demo()
        extra = seeding.seed_demo_features()
        click.echo(", ".join(f"{what}: {n} added" for what, n in extra.items()))
        if not logins:
            click.echo("Demo organisations already present; none added.")
            return
        lines = ["Demo logins (shown once; keep them safe):"]
        lines += [f"  {what}: {email} / {password}" for email, password, what in logins]
        text = "\n".join(lines)
        click.echo(text)
        path = os.path.join(current_app.instance_path, "demo-logins.txt")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(["member", "secretariat"]), required=True)
@click.option("--org", "org_slug", help="Slug of the member organisation (members only).")
@click.option("--org-admin", is_flag=True, help="Make the user a focal point of the organisation.")
@click.option("--password-stdin", is_flag=True, required=True, help="Read the password from standard input.")
def create_user(email, name, role, org_slug, org_admin, password_stdin):
    """Create an account; the password is read from standard input, never from the command line."""
    password = sys.stdin.readline().rstrip("\r\n")
    email = email.strip().lower()
    problem = password_problem(password, email=email)
    if problem:
        raise click.ClickException(str(problem))
    org = None
    if role == "member":
        if not org_slug:
            raise click.ClickException("--org is required for members.")
        org = db.session.scalar(db.select(Organisation).where(Organisation.slug == org_slug))
        if org is None:
            raise click.ClickException(f"No organisation with slug {org_slug!r}.")
    elif org_slug or org_admin:
        raise click.ClickException("The secretariat belongs to no organisation.")
    if db.session.scalar(db.select(User.id).where(User.email == email)):
        raise click.ClickException(f"An account for {email} exists already.")
    user = User(email=email, name=name, role=role, org=org, is_org_admin=org_admin,
                password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    audit.record("user.created", actor_label="cli", obj=user,
                 after={"role": role, "org": org_slug, "org_admin": org_admin})
    db.session.commit()
    click.echo(f"Created {role} {email}.")


@mail_cli.command("send")
def send_mail():
    """Deliver the mail that is due over SMTP, once (for cron; the worker does it continuously)."""
    if not mail.smtp_configured():
        click.echo("MAIL_SERVER is not set: mail stays in the outbox.")
        return
    result = mail_delivery.deliver(limit=1000)
    click.echo(f"Sent {result.sent}, failed {result.failed}.")
    if result.failed:
        sys.exit(1)


@mail_cli.command("worker")
@click.option("--interval", type=click.FloatRange(min=0.01), default=None,
              help="Seconds between passes (default: MAIL_WORKER_INTERVAL, 30).")
def mail_worker_command(interval):
    """Deliver mail as it falls due until stopped (SIGTERM or Ctrl-C); run it as a service."""
    if not mail.smtp_configured():
        raise click.ClickException("MAIL_SERVER is not set: there is nothing to deliver to.")
    mail_worker.serve(interval or current_app.config["MAIL_WORKER_INTERVAL"])


def init_app(app):
    from .areas.cli import areas_cli
    from .backups.cli import backup_command, restore_command
    from .meetings.cli import meetings_cli
    from .privacy.cli import privacy_cli

    app.cli.add_command(areas_cli)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(meetings_cli)
    app.cli.add_command(privacy_cli)
    app.cli.add_command(seed_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(mail_cli)
