"""CSV with HXL hashtags (one row per activity, sector and area, read back with libhxl) and JSON
(one object per activity); visibility and filters as on the list; no spreadsheet formulas."""
import io
import json
from datetime import date

import hxl
import pytest

from portal.activities import exports
from tests.conftest import login


def hxl_rows(response):
    assert response.status_code == 200
    return list(hxl.data(io.BytesIO(response.get_data())))


@pytest.fixture
def sample(make_activity, make_org):
    hope = make_org(slug="hope", name_ar="الأمل", name_en="Hope", acronym="HOPE")
    clinic = make_activity(org=hope, title_ar="عيادة متنقلة", title_en="Mobile clinic", sector="HEALTH",
                           areas=("SY07", "TUR"), start=date(2026, 2, 1), end=date(2026, 12, 31),
                           status="ongoing", targeted_total=1000, reached_total=400, reached_women=150,
                           reached_men=100, reached_girls=90, reached_boys=60)
    make_activity(org=hope, title_en="Members only", visibility="members", areas=("SY02",))
    make_activity(org=hope, title_en="A draft", state="draft")
    return clinic


def test_csv_has_the_hxl_tags_and_one_row_per_area(client, sample):
    response = client.get("/activities/export.csv?lang=en")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    assert response.get_data().startswith(b"\xef\xbb\xbf")   # UTF-8 with BOM, for spreadsheets
    data = hxl.data(io.BytesIO(response.get_data()))
    tags = {column.display_tag for column in data.columns}
    for tag in ("#org+name", "#org+code", "#sector+code", "#sector+name", "#adm1+code", "#adm1+name",
                "#activity+name", "#status", "#date+start", "#date+end", "#targeted", "#reached",
                "#reached+f+adults", "#reached+m+adults", "#reached+f+children", "#reached+m+children"):
        assert tag in tags, tag
    rows = list(data)
    assert len(rows) == 2                                    # Idleb and Türkiye; no draft, no members-only
    idleb, turkiye = rows
    assert idleb.get("#activity+name") == "Mobile clinic" and idleb.get("#org+name") == "Hope"
    assert idleb.get("#org+code") == "hope" and idleb.get("#sector+code") == "HEALTH"
    assert idleb.get("#sector+name") == "Health"
    assert idleb.get("#adm1+code") == "SY07" and idleb.get("#adm1+name") == "Idleb"
    assert idleb.get("#country+code") == "SYR"
    assert turkiye.get("#country+code") == "TUR" and not turkiye.get("#adm1+code")
    assert idleb.get("#status") == "Ongoing" and idleb.get("#status+code") == "ongoing"
    assert idleb.get("#date+start") == "2026-02-01" and idleb.get("#date+end") == "2026-12-31"
    assert idleb.get("#targeted") == "1000" and idleb.get("#reached") == "400"
    assert (idleb.get("#reached+f+adults"), idleb.get("#reached+m+adults"),
            idleb.get("#reached+f+children"), idleb.get("#reached+m+children")) == ("150", "100", "90", "60")
    assert idleb.get("#meta+url").endswith(f"/activities/{sample.id}")


def test_names_are_in_the_readers_language(client, sample):
    (idleb, _turkiye) = hxl_rows(client.get("/activities/export.csv?lang=ar"))
    assert idleb.get("#activity+name") == "عيادة متنقلة" and idleb.get("#org+name") == "الأمل"
    assert idleb.get("#adm1+name") == "إدلب" and idleb.get("#sector+name") == "الصحة"
    assert idleb.get("#date+start") == "2026-02-01"         # ASCII digits for data tools


def test_members_get_members_only_rows(client, sample, make_user):
    login(client, make_user())
    names = [row.get("#activity+name") for row in hxl_rows(client.get("/activities/export.csv?lang=en"))]
    assert sorted(names) == ["Members only", "Mobile clinic", "Mobile clinic"]


def test_filters_apply_and_the_area_filter_keeps_its_rows(client, sample, make_activity):
    make_activity(title_en="Water", sector="WASH", areas=("SY07",))
    rows = hxl_rows(client.get("/activities/export.csv?lang=en&sector=HEALTH"))
    assert {row.get("#activity+name") for row in rows} == {"Mobile clinic"}
    rows = hxl_rows(client.get("/activities/export.csv?lang=en&area=SY07"))
    assert sorted(row.get("#activity+name") for row in rows) == ["Mobile clinic", "Water"]
    assert {row.get("#adm1+code") for row in rows} == {"SY07"}
    assert hxl_rows(client.get("/activities/export.csv?from=2027-01-01&sector=HEALTH")) == []
    assert len(hxl_rows(client.get("/activities/export.csv?sector=NOPE&from=bad"))) == 3


def test_json_has_the_same_activities(client, sample):
    response = client.get("/activities/export.json?lang=en")
    assert response.mimetype == "application/json"
    (clinic,) = json.loads(response.get_data(as_text=True))
    assert clinic["activity_name"] == "Mobile clinic" and clinic["main_sector"] == "HEALTH"
    assert [a["code"] for a in clinic["areas"]] == ["SY07", "TUR"]
    assert clinic["areas"][1]["country_code"] == "TUR" and clinic["areas"][0]["name"] == "Idleb"
    assert clinic["reached"] == 400 and clinic["end_date"] == "2026-12-31"
    csv_row = hxl_rows(client.get("/activities/export.csv?lang=en"))[0]
    for key, _header, tag in exports.COLUMNS:
        if key in clinic and not isinstance(clinic[key], (list, dict)) and key != "main_sector":
            assert str(clinic[key] if clinic[key] is not None else "") == (csv_row.get(tag) or ""), key


def test_cells_cannot_run_as_formulas(client, make_activity, make_org):
    org = make_org(name_en="@SUM(1)", slug="at-sum")
    make_activity(org=org, title_en="=HYPERLINK(\"http://evil\")", title_ar="+1", reached_total=5)
    (row,) = hxl_rows(client.get("/activities/export.csv?lang=en"))
    assert row.get("#activity+name") == "'=HYPERLINK(\"http://evil\")"
    assert row.get("#org+name") == "'@SUM(1)" and row.get("#reached") == "5"
    assert exports.safe_cell("-2") == "'-2" and exports.safe_cell(-2) == -2 and exports.safe_cell(None) == ""


def test_exports_are_capped(client, make_activity, monkeypatch):
    monkeypatch.setattr(exports, "MAX_ROWS", 2)
    for _ in range(2):
        make_activity(areas=("SY07", "SY02"))
    response = client.get("/activities/export.csv")
    assert len(hxl_rows(response)) == 2 and response.headers["X-Export-Truncated"] == "2"
    make_activity()
    response = client.get("/activities/export.json")
    assert len(json.loads(response.get_data(as_text=True))) == 2
    assert response.headers["X-Export-Truncated"] == "2"


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_an_export_costs_the_same_queries_whatever_the_rows(client, make_activity, count_queries, kind):
    make_activity()
    with count_queries() as few:
        client.get(f"/activities/export.{kind}")
    for _ in range(20):
        make_activity(areas=("SY07", "SY02", "TUR"))
    with count_queries() as many:
        client.get(f"/activities/export.{kind}")
    assert few.count == many.count <= 8
