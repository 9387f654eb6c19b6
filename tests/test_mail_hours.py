"""Durations in mail follow the mail's language: Arabic-Indic digits and Arabic plural forms."""
from datetime import timedelta

import pytest

from portal.extensions import db
from portal.models import OutboxMail
from tests.conftest import post_form


@pytest.mark.parametrize("hours, arabic, english", [
    (1, "صالح لمدة ساعة واحدة", "valid for 1 hour,"),
    (2, "صالح لمدة ساعتين", "valid for 2 hours,"),
    (3, "صالح لمدة ٣ ساعات", "valid for 3 hours,"),
    (72, "صالح لمدة ٧٢ ساعة", "valid for 72 hours,"),
])
def test_the_reset_link_says_how_long_it_lasts_in_the_mails_language(app, client, make_user,
                                                                    hours, arabic, english):
    app.config["RESET_TTL"] = timedelta(hours=hours)
    for locale, expected in (("ar", arabic), ("en", english)):
        user = make_user(locale=locale)
        post_form(client, "/password/forgot", {"email": user.email})
        mail = db.session.scalar(db.select(OutboxMail).where(OutboxMail.recipient == user.email))
        assert expected in mail.body, mail.body


def test_the_invitation_says_72_hours_in_arabic_digits(app, make_user):
    from portal.members import services as member_services

    focal = make_user(org_admin=True)
    with app.test_request_context():
        member_services.invite(focal, "new.person@example.org", "New Person", "member", focal.org)
    mail = db.session.scalar(db.select(OutboxMail).where(OutboxMail.recipient == "new.person@example.org"))
    assert mail.locale == "ar" and "صالح لمدة ٧٢ ساعة" in mail.body and "لمدة 72" not in mail.body
