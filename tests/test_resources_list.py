"""Finding resources: the filters, Arabic-aware search, pagination with a constant number of
queries, and a resource page with its related activities."""
import pytest

from tests.conftest import login
from tests.test_resources_support import make_resource_fixture  # noqa: F401


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


@pytest.fixture
def library(make_org, make_resource):
    """Four published resources of two organisations, and one submitted."""
    org_a, org_b = make_org(slug="olive"), make_org(slug="cedar")
    return {
        "report": make_resource(org=org_a, title_en="Protection monitoring report", category="report",
                                language="ar", document_date="2025-06-01", sectors=["PROTECTION"],
                                areas=["SY07"],
                                title_ar="تقرير رصد الحماية في إدلب",
                                description_ar="الأطفال والنساء في المخيمات"),
        "brief": make_resource(org=org_b, title_en="Water policy brief", category="policy_brief",
                               language="en", document_date="2026-02-10", sectors=["WASH"],
                               areas=["SY02"], title_ar="ورقة سياسات المياه"),
        "template": make_resource(org=org_b, title_en="Distribution list template", category="template",
                                  language="ar_en", document_date="2024-11-30", title_ar="نموذج قائمة التوزيع",
                                  visibility="members"),
        "link": make_resource(org=org_a, link="https://example.org/guide", title_en="Safe schools guideline",
                              category="guideline", title_ar="دليل المدرسة الآمنة", document_date="2026-03-01"),
        "pending": make_resource(org=org_a, state="submitted", title_en="Pending statement",
                                 title_ar="بيان قيد المراجعة", category="statement"),
    }


TITLES = ("Protection monitoring report", "Water policy brief", "Distribution list template",
          "Safe schools guideline", "Pending statement")


def _shown(html):
    return {t for t in TITLES if t in html}


@pytest.mark.parametrize("query, expected", [
    ("", {"Protection monitoring report", "Water policy brief", "Safe schools guideline"}),
    ("category=report", {"Protection monitoring report"}),
    ("category=policy_brief", {"Water policy brief"}),
    ("sector=WASH", {"Water policy brief"}),
    ("area=SY07", {"Protection monitoring report"}),
    ("org=cedar", {"Water policy brief"}),
    ("language=en", {"Water policy brief"}),
    ("year=2026", {"Water policy brief", "Safe schools guideline"}),
    ("year=٢٠٢٥", {"Protection monitoring report"}),
    ("category=nonsense&sector=NOPE&org=nobody", {"Protection monitoring report", "Water policy brief",
                                                   "Safe schools guideline"}),
])
def test_filters_for_the_public(client, library, query, expected):
    assert _shown(_page(client, "/resources?lang=en&" + query)) == expected


@pytest.mark.parametrize("query", [
    "تقرير",             # a word of the title
    "التقرير",           # with the article
    "رصد الحمايه",       # taa marbuta written as heh
    "ادلب",              # hamza dropped
    "إدلب",              # hamza kept
    "اطفال",             # in the description, without hamza
    "monitoring",
    "PROTECTION",
])
def test_arabic_aware_search_finds_the_report(client, library, query):
    assert _shown(_page(client, "/resources?lang=en&q=" + query)) == {"Protection monitoring report"}


def test_search_respects_audience_and_review(client, make_user, library):
    assert _shown(_page(client, "/resources?lang=en&q=template")) == set()
    assert _shown(_page(client, "/resources?lang=en&q=statement")) == set()
    login(client, make_user())
    assert _shown(_page(client, "/resources?lang=en&q=template")) == {"Distribution list template"}
    assert _shown(_page(client, "/resources?lang=en&q=statement")) == set()


def test_members_list_their_organisations_resources_in_every_state(client, make_user, library):
    login(client, make_user(org=library["pending"].org))
    html = _page(client, "/resources?lang=en&mine=1")
    assert _shown(html) == {"Protection monitoring report", "Safe schools guideline", "Pending statement"}
    assert "Awaiting review" in html


def test_a_year_that_cannot_be_read_is_shown_not_applied(client, library):
    html = _page(client, "/resources?lang=en&year=abc")
    assert 'aria-invalid="true"' in html and len(_shown(html)) == 3
    html = _page(client, "/resources?lang=en&year=99999")
    assert 'aria-invalid="true"' in html and len(_shown(html)) == 3


def test_long_or_odd_queries_never_fail(client, library):
    for query in ("%", "'; drop table resource; --", "ـــ", "ا" * 500, "\u202e", "<script>"):
        assert client.get("/resources", query_string={"q": query}).status_code == 200
    assert client.get("/resources?page=" + "9" * 30).status_code == 404
    assert client.get("/resources?page=abc").status_code == 200


@pytest.mark.parametrize("who", ["public", "member"])
def test_the_list_costs_the_same_queries_for_3_or_30_resources(app, client, make_org, make_user,
                                                                make_resource, count_queries, who):
    org = make_org()
    author = make_user(org=org)
    if who == "member":
        login(client, make_user())

    def counted(url):
        with count_queries() as q:
            assert client.get(url).status_code == 200
        return q.count

    for _ in range(3):
        make_resource(user=author, sectors=["HEALTH"], areas=["SY07"], title_ar="دليل الصحة")
    few = [counted("/resources"), counted("/resources?q=الصحه&sector=HEALTH")]
    for i in range(27):
        make_resource(user=author, sectors=["HEALTH"], areas=["SY07"], title_ar="دليل الصحة",
                      link=f"https://example.org/{i}" if i % 3 else "")
    many = [counted("/resources"), counted("/resources?q=الصحه&sector=HEALTH")]
    assert few == many
    assert max(many) <= 8


def test_pages_of_the_list(app, client, make_org, make_user, make_resource):
    app.config["PAGE_SIZE"] = 2
    author = make_user(org=make_org())
    for n in range(5):
        make_resource(user=author, title_en=f"Numbered {n}", document_date=f"2026-01-0{n + 1}")
    first, third = _page(client, "/resources?lang=en"), _page(client, "/resources?lang=en&page=3")
    assert "Numbered 4" in first and "Numbered 3" in first and "Numbered 2" not in first
    assert "Numbered 0" in third and 'rel="prev"' in third and 'rel="next"' not in third


def test_the_resource_page_shows_who_shared_it_its_file_and_related_activities(
        client, make_user, make_resource, make_activity, count_queries):
    author = make_user(name="Rana Haddad")
    item = make_resource(user=author, sectors=["HEALTH"], areas=["SY07"], name="تقرير.pdf",
                         description_en="**Bold** <script>alert(1)</script>")
    related = make_activity(title_en="Mobile clinics in Idlib", sector="HEALTH", areas=("SY07",))
    make_activity(title_en="Members-only clinics", sector="HEALTH", areas=("SY07",), visibility="members")
    make_activity(title_en="Clinics elsewhere", sector="HEALTH", areas=("SY01",))
    make_activity(title_en="Draft clinics", sector="HEALTH", areas=("SY07",), state="draft")
    with count_queries() as q:
        html = _page(client, f"/resources/{item.id}?lang=en")
    assert q.count <= 8
    assert author.org.name_en in html and "Rana Haddad" not in html  # names for members only
    assert "تقرير.pdf" in html and "PDF" in html and "bytes" in html
    assert f"/activities/{related.id}" in html and "Mobile clinics in Idlib" in html
    for hidden in ("Members-only clinics", "Clinics elsewhere", "Draft clinics", "<script>alert"):
        assert hidden not in html
    assert "<strong>Bold</strong>" in html
    login(client, make_user())
    html = _page(client, f"/resources/{item.id}?lang=en")
    assert "Rana Haddad" in html and "Members-only clinics" in html


def test_a_link_resource_opens_its_link_and_has_no_download(client, make_resource):
    item = make_resource(link="https://example.org/report")
    html = _page(client, f"/resources/{item.id}?lang=en")
    assert 'href="https://example.org/report" rel="noopener noreferrer nofollow"' in html
    assert client.get(f"/resources/{item.id}/download").status_code == 404
    assert client.get(f"/resources/{item.id}/versions/1/download").status_code == 404
