"""``flask --app portal areas import FILE``: load districts and sub-districts by P-code."""
import click
from flask.cli import AppGroup

areas_cli = AppGroup("areas", help="Places: governorates, districts, sub-districts.")


@areas_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_gazetteer(path):
    """Load an OCHA COD administrative gazetteer (CSV or XLSX): adds new places, renames
    changed ones, never deletes any; safe to run again."""
    from .gazetteer import GazetteerError, load

    try:
        report = load(path)
    except GazetteerError as exc:
        raise click.ClickException(str(exc))
    for line in report.lines():
        click.echo(line)
