"""The privacy notice: seeded in both languages, public, edited with revisions, linked."""
from portal.extensions import db
from portal.models import Page, PageRevision
from portal.seeding import seed_pages
from tests.conftest import post_form
from tests.test_secretariat_orgs import secretariat_client, text

PRIVACY = "/secretariat/pages/privacy"


def notice():
    return db.session.scalar(db.select(Page).where(Page.slug == "privacy"))


def test_notice_is_seeded_once_with_the_configured_periods(app):
    page = notice()
    assert page is not None and page.revisions.count() == 1
    for words in ("KVKK", "GDPR", "Gaziantep", "12 months", "24 months", "30 days",
                  "access", "corrected", "erased", "object", "secretariat", "IP address"):
        assert words in page.body_en, words
    for words in ("KVKK", "غازي عينتاب", "١٢ شهراً", "٢٤ شهراً", "٣٠ يوماً", "الاطلاع", "تصحيح",
                  "محو", "تعترض", "الأمانة"):
        assert words in page.body_ar, words
    assert seed_pages() == 0
    assert db.session.scalar(db.select(db.func.count(Page.id)).where(Page.slug == "privacy")) == 1


def test_seeding_takes_the_periods_and_contact_from_the_configuration(app_config):
    from portal import create_app
    from tests.conftest import _fresh_schema
    from portal.seeding import seed_pages as seed

    app_config.update(RETENTION_VOLUNTEER_HANDLED_DAYS=90, PRIVACY_CONTACT_EMAIL="dpo@alliance.example")
    app = create_app(app_config)
    with app.app_context():
        _fresh_schema()
        seed()
        page = notice()
        assert "90 days after they were handled" in page.body_en
        assert "٩٠ يوماً" in page.body_ar
        assert "dpo@alliance.example" in page.body_en and "dpo@alliance.example" in page.body_ar
        db.session.remove()
        db.engine.dispose()


def test_notice_is_public_in_both_languages(client):
    arabic = text(client.get("/privacy"))
    assert "إشعار الخصوصية" in arabic and 'dir="rtl"' in arabic
    english = client.get("/privacy?lang=en")
    assert english.status_code == 200
    assert "Privacy notice" in text(english) and "<h2>Your rights</h2>" in text(english)


def test_an_edit_is_published_with_a_revision_and_never_overwritten_by_seeding(app, make_user, client):
    staff, me = secretariat_client(app, make_user)
    page = notice()
    data = {"title_ar": page.title_ar, "title_en": "Privacy at the alliance",
            "body_ar": page.body_ar, "body_en": "## Who we are\n\nEdited text."}
    assert post_form(staff, f"{PRIVACY}/edit", data).status_code == 302
    assert "Edited text." in text(client.get("/privacy?lang=en"))
    revisions = db.session.scalars(db.select(PageRevision).where(PageRevision.page_id == page.id)).all()
    assert len(revisions) == 2 and revisions[-1].author_id == me.id
    assert 'href="/privacy"' in text(staff.get(f"{PRIVACY}/edit"))  # "see it on the site"
    assert seed_pages() == 0
    assert notice().title_en == "Privacy at the alliance"


def test_volunteer_form_login_and_footer_link_to_the_notice(client):
    for lang, label in (("ar", "إشعار الخصوصية"), ("en", "Privacy notice")):
        for url in ("/volunteer", "/login", "/", "/charter"):
            html = text(client.get(f"{url}?lang={lang}"))
            assert f'<a href="/privacy">{label}</a>' in html, (url, lang)
        volunteer = text(client.get(f"/volunteer?lang={lang}"))
        footer = volunteer[volunteer.index('<footer'):]
        assert 'href="/privacy"' in footer
        form = volunteer[volunteer.index("<form"):volunteer.index("</form>")]
        assert form.index('name="consent"') < form.index('href="/privacy"')
