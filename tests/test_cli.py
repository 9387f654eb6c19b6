"""Operator commands."""
from portal.extensions import db
from portal.models import Area, Organisation, Page, Sector, User
from tests.conftest import login


def test_seed_is_idempotent(app, runner):
    runner.invoke(args=["seed"])
    runner.invoke(args=["seed"])
    assert db.session.scalar(db.select(db.func.count(Sector.id))) == 13
    governorates = db.session.scalars(db.select(Area.code).where(Area.kind == "governorate")).all()
    assert sorted(governorates) == [f"SY{i:02d}" for i in range(1, 15)]
    countries = set(db.session.scalars(db.select(Area.code).where(Area.kind == "country")))
    assert countries == {"TUR", "LBN", "JOR", "IRQ"}
    assert set(db.session.scalars(db.select(Page.slug))) == {"home", "charter", "volunteer", "privacy"}


def test_seed_keeps_edited_pages(app, runner):
    page = db.session.scalar(db.select(Page).where(Page.slug == "home"))
    page.title_en = "Edited"
    db.session.commit()
    runner.invoke(args=["seed"])
    assert db.session.scalar(db.select(Page.title_en).where(Page.slug == "home")) == "Edited"


def test_seed_demo(app, runner, client):
    result = runner.invoke(args=["seed", "--demo"])
    orgs = db.session.scalars(db.select(Organisation)).all()
    assert len(orgs) == 23 and all(o.is_demo and "demo" in o.name_en.lower() for o in orgs)
    assert all("تجريبية" in o.name_ar for o in orgs)
    line = [l for l in result.output.splitlines() if "secretariat@demo.example" in l][0]
    password = line.rsplit(" / ", 1)[1].strip()
    assert login(client, "secretariat@demo.example", password).status_code == 302
    again = runner.invoke(args=["seed", "--demo"])
    assert "already present" in again.output
    assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 23


def test_demo_passwords_differ_per_install(app, runner):
    first = runner.invoke(args=["seed", "--demo"]).output
    assert "secretariat@demo.example / " in first
    assert first.count(" / ") == 3
    secret = first.split("secretariat@demo.example / ")[1].split()[0]
    assert len(secret) >= 12


def test_users_create_reads_password_from_stdin(app, runner, make_org, client):
    org = make_org(slug="hope")
    result = runner.invoke(args=["users", "create", "--email", "Focal@Hope.example", "--name", "Focal",
                                 "--role", "member", "--org", "hope", "--org-admin", "--password-stdin"],
                           input="a very private passphrase\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.email == "focal@hope.example"))
    assert user.org_id == org.id and user.is_org_admin
    assert login(client, user, "a very private passphrase").status_code == 302


def test_users_create_refuses_weak_password_and_bad_org(app, runner):
    weak = runner.invoke(args=["users", "create", "--email", "a@b.example", "--name", "A",
                               "--role", "secretariat", "--password-stdin"], input="password\n")
    assert weak.exit_code != 0
    no_org = runner.invoke(args=["users", "create", "--email", "a@b.example", "--name", "A",
                                 "--role", "member", "--org", "nope", "--password-stdin"],
                           input="a very private passphrase\n")
    assert no_org.exit_code != 0
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0
