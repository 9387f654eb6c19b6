"""Every route is classified (public, member, org admin, secretariat) and behaves accordingly."""
import pytest

from portal.permissions import LEVELS, MEMBER, ORG_ADMIN, PUBLIC, SECRETARIAT
from tests.conftest import login


def _rules(app):
    return sorted(app.url_map.iter_rules(), key=lambda r: r.rule)


def test_every_route_has_a_classification(app):
    missing = [r.rule for r in _rules(app) if getattr(app.view_functions[r.endpoint], "access_level", None) not in LEVELS]
    assert missing == [], f"routes without a classification: {missing}"


def _url(rule, org_slug):
    url = rule.rule
    for arg in rule.arguments:
        value = org_slug if arg == "slug" else ("1" if "int:" in url else "x")
        url = url.replace(f"<int:{arg}>", value).replace(f"<path:{arg}>", value).replace(f"<{arg}>", value)
    return url


def _get_rules(app, level):
    return [r for r in _rules(app) if "GET" in r.methods
            and app.view_functions[r.endpoint].access_level == level and r.endpoint != "static"]


@pytest.mark.parametrize("level", [MEMBER, ORG_ADMIN, SECRETARIAT])
def test_anonymous_visitors_are_sent_to_login(app, client, make_org, level):
    org = make_org()
    for rule in _get_rules(app, level):
        response = client.get(_url(rule, org.slug))
        assert response.status_code == 302 and "/login" in response.headers["Location"], rule.rule


def test_members_are_refused_org_admin_and_secretariat_pages(app, client, make_user):
    staff = make_user()
    login(client, staff)
    for level in (ORG_ADMIN, SECRETARIAT):
        for rule in _get_rules(app, level):
            assert client.get(_url(rule, staff.org.slug)).status_code == 403, rule.rule


def test_focal_points_are_refused_secretariat_pages(app, client, make_user):
    focal = make_user(org_admin=True)
    login(client, focal)
    for rule in _get_rules(app, SECRETARIAT):
        assert client.get(_url(rule, focal.org.slug)).status_code == 403, rule.rule


def test_public_pages_answer_anonymous_visitors(app, client, make_org):
    org = make_org()
    for rule in _get_rules(app, PUBLIC):
        if rule.arguments - {"slug"}:
            continue  # needs a token or a file
        response = client.get(_url(rule, org.slug))
        if rule.endpoint == "auth.login_code":  # the second login step starts with the password
            assert response.status_code == 302 and response.headers["Location"] == "/login"
            continue
        assert response.status_code in (200, 404), rule.rule


def test_url_map_listing(app):
    """Printed with -s: the URL map with each route's classification (for the release notes)."""
    rows = [(r.rule, ",".join(sorted(r.methods - {"HEAD", "OPTIONS"})),
             app.view_functions[r.endpoint].access_level) for r in _rules(app)]
    for row in rows:
        print("%-55s %-10s %s" % row)
    assert len(rows) == len({(r, m) for r, m, _ in rows})
