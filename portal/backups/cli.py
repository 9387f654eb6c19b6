"""``flask --app portal backup DIR`` and ``flask --app portal restore DIR``."""
import click

from . import BackupError


def _size(n):
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024


@click.command("backup")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--dated", is_flag=True,
              help="Write into a new sub-folder named after the time (UTC), e.g. "
                   "FOLDER/2026-11-29T221500Z; FOLDER may hold earlier backups.")
def backup_command(folder, dated):
    """Write a consistent copy of the database and the upload folder, with a manifest, into
    FOLDER (created; it must be absent or empty unless --dated is given)."""
    from .backup import make_backup

    try:
        target, body = make_backup(folder, dated=dated)
    except (BackupError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    files = body["files"]
    database = files[body["database"]["file"]]
    uploaded = [f for name, f in files.items() if name.startswith("uploads/")]
    click.echo(f"Backup written to {target}")
    click.echo(f"  database: {body['database']['kind']}, revision {body['revision']}, "
               f"{len(body['tables'])} tables, {sum(body['tables'].values()):,} rows, "
               f"{_size(database['size'])}")
    click.echo(f"  uploads: {len(uploaded):,} files, {_size(sum(f['size'] for f in uploaded))}")


@click.command("restore")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
def restore_command(folder):
    """Restore the backup in FOLDER into this (empty) instance: check the manifest, restore
    the database and the uploads, then check the result against the manifest."""
    from .restore import restore_backup

    try:
        summary = restore_backup(folder)
    except (BackupError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Restored the backup of {summary['created_at']} from {folder}")
    click.echo(f"  database: {summary['kind']}, revision {summary['revision']}, "
               f"integrity {summary['integrity']}, {len(summary['tables'])} tables, "
               f"{summary['rows']:,} rows, every count equal to the manifest")
    click.echo(f"  uploads: {summary['files']:,} files, {_size(summary['bytes'])}, "
               f"checksums equal to the manifest")
    if summary["revision"] != summary["head"]:
        click.echo(f"  The backup's schema revision ({summary['revision']}) is not this code's "
                   f"({summary['head']}): run `flask --app portal db upgrade` before starting "
                   f"the portal.")
