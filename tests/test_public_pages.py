"""Home, charter, health check, error pages."""
import gzip

from portal.extensions import db
from portal.public.services import years_since_founding
from datetime import date


def test_home_shows_live_figures(client, make_org):
    for _ in range(4):
        make_org()
    make_org(active=False)
    html = client.get("/?lang=en").get_data(as_text=True)
    assert "<strong>4</strong> member organisations" in html
    assert f"<strong>{years_since_founding()}</strong>" in html


def test_home_counts_published_activities_and_their_governorates(client, make_activity):
    make_activity(areas=("SY07", "SY02"))
    make_activity(areas=("SY07", "TUR"), visibility="members")
    make_activity(areas=("SY01",), state="draft")
    html = client.get("/?lang=en").get_data(as_text=True)
    assert "<strong>2</strong> approved activities" in html
    assert "<strong>2</strong> governorates covered" in html  # Idleb, Aleppo; not Türkiye, not drafts


def test_years_since_founding():
    assert years_since_founding(date(2026, 4, 1)) == 11
    assert years_since_founding(date(2026, 4, 2)) == 12


def test_charter_has_vision_mission_and_five_values_in_both_languages(client):
    arabic = client.get("/charter").get_data(as_text=True)
    for word in ("الرؤية", "الرسالة", "الثقة", "التعاضد", "الفاعلية", "التشاركية", "المساواة"):
        assert word in arabic
    english = client.get("/charter?lang=en").get_data(as_text=True)
    for word in ("Vision", "Mission", "Trust", "Solidarity", "Effectiveness", "Participation", "Equality"):
        assert word in english
    assert english.count("<h3>") == 5


def test_charter_markdown_is_sanitised(client):
    from portal.models import Page

    page = db.session.scalar(db.select(Page).where(Page.slug == "charter"))
    page.body_ar = "## مرحبا\n\n<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>"
    db.session.commit()
    html = client.get("/charter").get_data(as_text=True)
    assert "<script>alert" not in html and "javascript:" not in html and "onerror" not in html
    assert "<h2>مرحبا</h2>" in html


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok", "database": "ok"}


def test_error_pages_are_translated_in_the_layout(client):
    arabic = client.get("/no-such-page")
    english = client.get("/no-such-page?lang=en")
    assert arabic.status_code == english.status_code == 404
    assert 'dir="rtl"' in arabic.get_data(as_text=True)
    assert "Page not found" in english.get_data(as_text=True)


def test_public_pages_are_light(client, make_org):
    for _ in range(23):
        make_org()
    css = gzip.compress(client.get("/static/style.css").data)
    for url in ("/", "/charter", "/members", "/volunteer", "/login"):
        for lang in ("ar", "en"):
            page = gzip.compress(client.get(f"{url}?lang={lang}").data)
            assert len(page) + len(css) < 30 * 1024, url


def test_too_large_upload_gets_a_translated_413_page(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/volunteer?lang=en", data={"message": "x" * 5000})
    assert response.status_code == 413
    assert "File too large" in response.get_data(as_text=True)
    arabic = app.test_client().post("/volunteer", data={"message": "x" * 5000})
    assert 'dir="rtl"' in arabic.get_data(as_text=True) and "الملف كبير جداً" in arabic.get_data(as_text=True)


def test_server_error_page_is_in_the_layout_and_rolls_back(app_config):
    from portal import create_app
    from portal.permissions import public

    app = create_app(dict(app_config, TESTING=False, PROPAGATE_EXCEPTIONS=False))

    @app.route("/boom")
    @public
    def boom():
        raise RuntimeError("secret detail")

    with app.app_context():
        db.create_all()
    response = app.test_client().get("/boom?lang=en")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Something went wrong" in html and "secret detail" not in html and '<html lang="en" dir="ltr">' in html


def test_absurd_page_numbers_and_ids_are_404_not_crashes(client):
    assert client.get("/members?page=99999999999999999999").status_code == 404
    assert client.get("/secretariat/outbox/99999999999999999999").status_code in (302, 404)
    assert client.get("/members?page=abc").status_code == 200
