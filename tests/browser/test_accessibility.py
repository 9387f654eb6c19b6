"""axe-core on every public page and the login page, in Arabic and in English: no serious
or critical violation."""
import pytest

pytestmark = pytest.mark.browser

PAGES = ["/", "/charter", "/members", "/members/{org}", "/volunteer", "/volunteer/thanks", "/login"]
BLOCKING = {"serious", "critical"}


def _describe(violations):
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v.get('helpUrl', '')}>")
        for node in v["nodes"][:10]:
            lines.append(f"    at {node['target']}: {node.get('failureSummary', '').strip()}")
    return "\n".join(lines)


def check_page(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response["violations"]
    blocking = [v for v in violations if v.get("impact") in BLOCKING]
    assert not blocking, f"axe on {page.url}:\n{_describe(blocking)}"
    return violations


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violation(page, live_server, path, lang):
    response = page.goto(live_server(path.format(org=live_server.org_slug) + f"?lang={lang}"))
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == lang
    check_page(page)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_volunteer_form_with_errors_is_accessible(page, live_server, lang):
    page.goto(live_server(f"/volunteer?lang={lang}"))
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main [aria-invalid=true]").count() >= 2
    check_page(page)
