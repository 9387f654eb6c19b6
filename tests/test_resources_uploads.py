"""Uploading through the form and downloading: refused files say why on the same page (other
input kept), the size limit answers the translated 413 page, files are stored under generated
names only, and come back under their original (Arabic) names with safe headers."""
import os
from urllib.parse import quote

import pytest

from portal.extensions import db
from portal.models import AuditEvent, Resource, ResourceVersion
from portal.resources.storage import KEY_PATTERN, LocalStorage, get_storage
from tests import test_resources_support as s
from tests.conftest import login
from tests.test_resources_support import form_data, make_resource_fixture, post_upload, text_of  # noqa: F401

ARABIC_NAME = "تقرير الحماية ٢٠٢٦.pdf"


@pytest.fixture
def member(client, make_user):
    user = make_user()
    login(client, user)
    return user


def _stored_files(app):
    root = os.path.join(app.config["UPLOAD_FOLDER"], "resources")
    return [name for _dir, _sub, names in os.walk(root) for name in names]


def test_a_member_shares_a_file_and_it_goes_to_review(app, client, member):
    response = post_upload(client, form_data(), s.pdf(), ARABIC_NAME)
    assert response.status_code == 302
    item = db.session.scalar(db.select(Resource))
    assert item.org_id == member.org_id and item.review_state == "submitted" and not item.is_published
    version = item.versions[0]
    assert version.original_name == ARABIC_NAME and version.file_type == "pdf"
    assert version.size == len(s.pdf()) and len(version.sha256) == 64
    assert KEY_PATTERN.match(version.storage_key)
    assert _stored_files(app) == [version.storage_key]
    actions = db.session.scalars(db.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["resource.created", "resource.submitted"]


@pytest.mark.parametrize("content, name, message", [
    (s.HTML, "report.pdf", "contains a web page or an SVG image"),
    (s.SVG, "chart.svg", "contains a web page or an SVG image"),
    (s.HTML, "index.html", "contains a web page or an SVG image"),
    (s.EXE, "setup.exe", "This file is a program"),
    (s.ELF, "report.pdf", "This file is a program"),
    (b"", "empty.pdf", "The file is empty."),
    (s.plain_zip(), "documents.zip", "This is a ZIP archive"),
    (s.docm(), "macro.docx", "contains macros"),
    (s.OLD_DOC, "old.doc", "Old Word, Excel and PowerPoint files"),
    (s.WINDOWS_1256, "notes.txt", "not in UTF-8"),
])
def test_refused_files_say_why_on_the_same_page_and_keep_the_input(app, client, member, content, name, message):
    response = post_upload(client, form_data(title_en="Kept title", description_en="Kept words",
                                             lang="en"), content, name, url="/resources/new?lang=en")
    html = text_of(response)
    assert response.status_code == 200
    assert message in html
    assert "Accepted: PDF, Word, Excel" in html
    assert 'value="Kept title"' in html and "Kept words" in html
    assert 'aria-invalid="true"' in html
    assert db.session.scalar(db.select(db.func.count(Resource.id))) == 0
    assert _stored_files(app) == []


def test_refusals_are_shown_in_the_arabic_page_too(client, member):
    """The message goes through gettext (tests/test_translations.py checks the catalogues)."""
    response = post_upload(client, form_data(), s.HTML, "report.pdf", url="/resources/new?lang=ar")
    assert response.status_code == 200
    assert 'lang="ar" dir="rtl"' in text_of(response)
    assert 'id="file-error"' in text_of(response)


def test_the_size_limit_gives_the_translated_413_page(app, client, member):
    app.config["MAX_CONTENT_LENGTH"] = 4096
    big = s.pdf("x" * 10_000)
    response = post_upload(client, form_data(), big, "big.pdf", url="/resources/new?lang=en")
    assert response.status_code == 413
    assert "File too large" in text_of(response)
    response = post_upload(client, form_data(), big, "big.pdf", url="/resources/new?lang=ar")
    assert response.status_code == 413 and 'lang="ar"' in text_of(response)
    assert db.session.scalar(db.select(db.func.count(Resource.id))) == 0
    assert _stored_files(app) == []


def test_download_sends_the_arabic_name_an_explicit_type_and_nosniff(client, make_resource):
    item = make_resource(name=ARABIC_NAME, data=s.pdf("arabic"))
    response = client.get(f"/resources/{item.id}/download")
    assert response.status_code == 200
    assert response.data == s.pdf("arabic")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert f'filename="resource-{item.id}-v1.pdf"' in disposition
    assert "filename*=UTF-8''" + quote(ARABIC_NAME, safe="") in disposition
    assert "sandbox" in response.headers["Content-Security-Policy"]


def test_text_keeps_its_charset_and_a_misleading_name_gets_the_right_extension(client, make_resource):
    item = make_resource(data=s.TEXT, name="minutes.html")
    response = client.get(f"/resources/{item.id}/download")
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "filename*=UTF-8''minutes.html.txt" in response.headers["Content-Disposition"]


def test_downloads_are_counted(client, make_resource):
    item = make_resource()
    for _ in range(3):
        client.get(f"/resources/{item.id}/download")
    client.head(f"/resources/{item.id}/download")
    db.session.expire_all()
    assert db.session.get(Resource, item.id).downloads == 3


def test_a_path_in_the_file_name_never_reaches_the_filesystem(app, client, member):
    response = post_upload(client, form_data(), s.pdf("traversal"), "../../etc/passwd")
    assert response.status_code == 302
    version = db.session.scalar(db.select(ResourceVersion))
    assert version.original_name == "passwd"
    assert _stored_files(app) == [version.storage_key]
    root = os.path.join(app.config["UPLOAD_FOLDER"], "resources")
    assert os.path.isfile(os.path.join(root, version.storage_key[:2], version.storage_key))
    response = client.get(f"/resources/{version.resource_id}/download")
    assert "filename*=UTF-8''passwd.pdf" in response.headers["Content-Disposition"]


@pytest.mark.parametrize("path", [
    "/resources/{id}/versions/2/download",
    "/resources/{id}/versions/0/download",
    "/resources/{id}/versions/-1/download",
    "/resources/{id}/versions/..%2F..%2Fetc%2Fpasswd/download",
    "/resources/{id}/versions/1%2F..%2F..%2Fetc/download",
    "/resources/{id}/../../etc/passwd",
    "/resources/999/download",
    "/resources/999/versions/1/download",
])
def test_unknown_versions_and_traversal_attempts_are_404(client, make_resource, path):
    item = make_resource()
    assert client.get(path.format(id=item.id)).status_code == 404


def test_storage_refuses_keys_it_did_not_make(tmp_path):
    storage = LocalStorage(tmp_path)
    import io

    key = storage.save(io.BytesIO(b"data"))
    with storage.open(key) as fh:
        assert fh.read() == b"data"
    for bad in ("../../etc/passwd", "/etc/passwd", key.upper(), key + "/", "", None):
        with pytest.raises(KeyError):
            storage.open(bad)
    storage.delete("../../etc/passwd")  # ignored
    storage.delete(key)
    with pytest.raises(KeyError):
        storage.open(key)


def test_the_storage_can_be_replaced_by_configuration(app):
    class Memory:
        def __init__(self, app):
            self.files = {}

    app.extensions.pop("resource_storage", None)
    app.config["RESOURCE_STORAGE"] = Memory
    assert isinstance(get_storage(), Memory)
    app.extensions.pop("resource_storage", None)
    app.config["RESOURCE_STORAGE"] = None


def test_a_missing_stored_file_is_404_not_500(app, client, make_resource):
    item = make_resource()
    get_storage().delete(item.versions[0].storage_key)
    assert client.get(f"/resources/{item.id}/download").status_code == 404


def test_a_failed_transaction_leaves_no_file_behind(app, make_user, monkeypatch):
    from portal.resources import services, uploads

    user = make_user()

    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(services.audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.create(user, dict(s.CONTENT), upload=uploads.from_bytes(s.pdf("lost"), "lost.pdf"))
    assert _stored_files(app) == []


def test_a_large_file_under_the_limit_is_stored_whole(app, client, member):
    big = ("المنطقة,العدد\n" + "إدلب,120\n" * 200_000).encode()  # about 2.4 MB of CSV
    response = post_upload(client, form_data(), big, "figures.csv")
    assert response.status_code == 302
    version = db.session.scalar(db.select(ResourceVersion))
    assert (version.file_type, version.size) == ("csv", len(big))
    assert client.get(f"/resources/{version.resource_id}/versions/1/download").data == big


@pytest.mark.parametrize("size, english, arabic", [
    (15, "15 bytes", "١٥"), (1536, "1.5 KB", "١.٥"), (1048575, "1 MB", "١"),
    (3_500_000, "3.3 MB", "٣.٣"), (1023, "1,023 bytes", "١,٠٢٣"),
])
def test_file_sizes_read_well_in_both_languages(app, size, english, arabic):
    from flask_babel import force_locale

    from portal.resources.labels import filesize

    with app.test_request_context("/"):
        with force_locale("en"):
            assert filesize(size) == english
        with force_locale("ar"):
            assert filesize(size).startswith(arabic + " ")
