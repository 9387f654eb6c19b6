"""Secretariat: public pages (edit with history, preview and restore of earlier versions)."""
from portal.extensions import db
from portal.models import Page, PageRevision
from tests.conftest import post_form
from tests.test_secretariat_orgs import (assert_only_secretariat, events, same_query_count,
                                         secretariat_client, text)

CHARTER = "/secretariat/pages/charter"


def charter():
    return db.session.scalar(db.select(Page).where(Page.slug == "charter"))


def revisions(page):
    return db.session.scalars(db.select(PageRevision).where(PageRevision.page_id == page.id)
                              .order_by(PageRevision.id)).all()


def edit(client, **changes):
    page = charter()
    data = {"title_ar": page.title_ar, "title_en": page.title_en,
            "body_ar": page.body_ar, "body_en": page.body_en}
    data.update(changes)
    return post_form(client, f"{CHARTER}/edit", data)


def test_list_shows_pages_with_titles_and_last_editor(app, make_user):
    client, me = secretariat_client(app, make_user, name="Editor Name")
    edit(client, title_en="Our charter, revised")
    html = text(client.get("/secretariat/pages"))
    assert "Our charter, revised" in html and "Editor Name" in html
    assert f'href="{CHARTER}/edit"' in html and f'href="{CHARTER}/history"' in html
    assert 'href="/secretariat/pages/home/edit"' in html


def test_edit_publishes_and_keeps_a_revision(app, make_user):
    client, me = secretariat_client(app, make_user)
    page = charter()
    old_title = page.title_en
    before = len(revisions(page))
    form = text(client.get(f"{CHARTER}/edit"))
    assert "Markdown is allowed" in form
    response = edit(client, title_en="New charter", body_en="## Values\n\n**Dignity** first.")
    assert response.status_code == 302
    page = charter()
    assert page.title_en == "New charter" and page.updated_by_id == me.id
    history = revisions(page)
    assert len(history) == before + 1
    assert history[-1].author_id == me.id and history[-1].body_en.startswith("## Values")
    (event,) = events("page.updated")
    assert event.before["title_en"] == old_title and event.after["title_en"] == "New charter"
    public = text(client.get("/charter?lang=en"))
    assert "<strong>Dignity</strong>" in public and "New charter" in public


def test_markdown_is_sanitised_on_the_public_page_and_in_previews(app, make_user):
    client, _ = secretariat_client(app, make_user)
    edit(client, body_en='Hello <script>alert(1)</script> [x](javascript:alert(2))')
    public = text(client.get("/charter?lang=en"))
    assert "<script>alert(1)" not in public and "javascript:" not in public
    latest = revisions(charter())[-1]
    preview = text(client.get(f"{CHARTER}/revisions/{latest.id}"))
    assert "<script>alert(1)" not in preview and "javascript:" not in preview


def test_missing_title_is_refused_with_the_text_kept(app, make_user):
    client, _ = secretariat_client(app, make_user)
    before = len(revisions(charter()))
    response = edit(client, title_ar="", body_en="Typed but not saved")
    assert response.status_code == 200
    html = text(response)
    assert "This field is required." in html and "Typed but not saved" in html
    assert len(revisions(charter())) == before and events("page.updated") == []


def test_saving_unchanged_text_adds_no_revision(app, make_user):
    client, _ = secretariat_client(app, make_user)
    before = len(revisions(charter()))
    response = edit(client)
    assert "Nothing was changed" in text(client.get(response.location))
    edit(client, body_ar=charter().body_ar.replace("\n", "\r\n") + "\r\n")  # as browsers send it
    assert len(revisions(charter())) == before and events("page.updated") == []


def test_history_preview_and_restore(app, make_user):
    client, me = secretariat_client(app, make_user, name="Restorer")
    original = revisions(charter())[0]
    edit(client, title_en="Second version", body_en="second body")
    edit(client, title_en="Third version", body_en="third body")

    history = text(client.get(f"{CHARTER}/history"))
    assert "Third version" in history and "Second version" in history and "Restorer" in history
    preview = text(client.get(f"{CHARTER}/revisions/{original.id}"))
    assert original.title_en in preview and original.title_ar in preview

    response = post_form(client, f"{CHARTER}/revisions/{original.id}/restore",
                         form_url=f"{CHARTER}/history")
    assert response.status_code == 302
    page = charter()
    assert page.title_en == original.title_en and page.body_ar == original.body_ar
    history = revisions(page)
    assert len(history) == 4  # initial, second, third, restored: nothing removed
    restored = history[-1]
    assert restored.restored_from_id == original.id and restored.author_id == me.id
    assert restored.id != original.id
    (event,) = events("page.restored")
    assert event.before["title_en"] == "Third version"
    assert event.after["title_en"] == original.title_en and event.after["restored_from"] == original.id
    assert f"Restored from version {original.id}" in text(client.get(f"{CHARTER}/history"))


def test_revision_of_another_page_or_unknown_page_is_404(app, make_user):
    client, _ = secretariat_client(app, make_user)
    home = db.session.scalar(db.select(Page).where(Page.slug == "home"))
    other = revisions(home)[0]
    assert client.get(f"{CHARTER}/revisions/{other.id}").status_code == 404
    assert post_form(client, f"{CHARTER}/revisions/{other.id}/restore",
                     form_url=f"{CHARTER}/history").status_code == 404
    assert client.get("/secretariat/pages/nope/edit").status_code == 404
    assert client.get("/secretariat/pages/nope/history").status_code == 404
    assert events("page.restored") == []


def test_history_costs_the_same_queries_for_3_and_30_revisions(app, make_user, count_queries):
    client, _ = secretariat_client(app, make_user)
    authors = [make_user(role="secretariat") for _ in range(3)]
    app.config["PAGE_SIZE"] = 50
    page = charter()

    def add(n):
        for i in range(n):
            db.session.add(PageRevision(page_id=page.id, title_ar="ع", title_en=f"T{i}",
                                        author_id=authors[i % 3].id))
        db.session.commit()

    def check(html, total):
        assert html.count("/restore\"") == total + 1  # the seeded revision too

    same_query_count(client, count_queries, f"{CHARTER}/history", add, check)


def test_only_the_secretariat_edits_pages(app, make_user):
    revision = revisions(charter())[0]
    title = charter().title_en
    assert_only_secretariat(
        app, make_user,
        gets=["/secretariat/pages", f"{CHARTER}/edit", f"{CHARTER}/history",
              f"{CHARTER}/revisions/{revision.id}"],
        posts=[f"{CHARTER}/edit", f"{CHARTER}/revisions/{revision.id}/restore"],
    )
    assert charter().title_en == title and len(revisions(charter())) == 1
