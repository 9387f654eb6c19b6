"""Places down to sub-district by P-code: the gazetteer import, filters and the matrix rolling
up to the chosen level, exports with adm1/adm2/adm3, and the two-step place choice."""
import csv
import io
import os
import re
from datetime import date

import pytest
from openpyxl import Workbook

from portal.extensions import db
from portal.models import Activity, Area
from tests.conftest import login, post_form
from tests.test_coordination_matrix import YEAR, get

SAMPLE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                      "portal", "data", "gazetteer-sample.csv")
HEADER = ["admin1Pcode", "admin1Name_en", "admin1Name_ar", "admin2Pcode", "admin2Name_en",
          "admin2Name_ar", "admin3Pcode", "admin3Name_en", "admin3Name_ar"]


@pytest.fixture
def gazetteer(runner):
    result = runner.invoke(args=["areas", "import", SAMPLE])
    assert result.exit_code == 0, result.output
    return result


def _area(code):
    return db.session.scalar(db.select(Area).where(Area.code == code))


def _write_csv(tmp_path, rows, name="g.csv", encoding="utf-8"):
    path = tmp_path / name
    with open(path, "w", newline="", encoding=encoding) as fh:
        csv.writer(fh).writerows(rows)
    return str(path)


# --- the import -----------------------------------------------------------------------------

def test_the_sample_loads_districts_and_sub_districts_under_their_parents(gazetteer):
    assert "Added 13, updated 0, unchanged 2." in gazetteer.output
    harim, dana, idleb = _area("SY0704"), _area("SY070403"), _area("SY07")
    assert (harim.kind, harim.parent_id, harim.adm1_id, harim.adm2_id) == ("district", idleb.id, idleb.id, None)
    assert (dana.kind, dana.parent_id, dana.adm1_id, dana.adm2_id) == ("subdistrict", harim.id, idleb.id, harim.id)
    assert dana.name_ar == "الدانا" and dana.level == 3 and dana.top_id == idleb.id


def test_importing_twice_changes_nothing(runner, gazetteer):
    count = db.session.scalar(db.select(db.func.count(Area.id)))
    again = runner.invoke(args=["areas", "import", SAMPLE])
    assert "Added 0, updated 0, unchanged 15." in again.output
    assert db.session.scalar(db.select(db.func.count(Area.id))) == count


def test_names_are_updated_and_nothing_is_deleted(runner, gazetteer, tmp_path, make_activity):
    make_activity(areas=("SY070403",))  # an activity names Dana
    path = _write_csv(tmp_path, [HEADER, ["SY07", "Idleb", "إدلب", "SY0704", "Harem", "حارم",
                                         "SY070400", "Harem", "حارم"]])
    result = runner.invoke(args=["areas", "import", path])
    assert "Added 0, updated 2, unchanged 1." in result.output, result.output
    assert _area("SY0704").name_en == "Harem"
    assert _area("SY070403") is not None and _area("SY0203") is not None  # absent from the file: kept


def test_bad_rows_are_skipped_with_their_row_numbers(runner, tmp_path):
    rows = [["Syria administrative gazetteer", "", ""], [],
            HEADER + ["validOn"],
            ["#adm1+code", "#adm1+name", "", "#adm2+code", "", "", "#adm3+code", "", ""],
            ["SY07", "Idleb", "إدلب", "", "", "", "SY070000", "Idleb", "إدلب"],          # row 5
            ["SY07", "Idleb", "إدلب", "SY0200", "Wrong", "خطأ", "SY020000", "W", "خ"],    # row 6
            ["SY07", "Idleb", "إدلب", "SY0701", "Al Ma'ra", "معرة النعمان", "SY070100", "Al Ma'ra", "معرة النعمان", "2020"],
            ["SY02", "Aleppo", "حلب", "SY0701", "Al Ma'ra", "معرة النعمان", "SY070101", "X", "س"],  # row 8
            ["SY07", "Idleb", "إدلب", "SY0702", "", "", "SY070200", "J", "ج"]]               # row 9
    result = runner.invoke(args=["areas", "import", _write_csv(tmp_path, rows)])
    assert result.exit_code == 0
    assert "row 5: skipped, admin2Pcode is empty" in result.output
    assert "row 6: skipped, SY0200 does not start with its parent's P-code SY07" in result.output
    assert "row 8: skipped, SY0701 does not start with its parent's P-code SY02" in result.output
    assert "row 9: skipped, admin2 SY0702 has no name" in result.output
    assert _area("SY070100") is not None and _area("SY020000") is None


def test_xlsx_with_the_header_lower_down_and_several_sheets(runner, tmp_path):
    book = Workbook()
    admin2 = book.active
    admin2.title = "admin2"
    admin2.append(HEADER[:6])
    admin2.append(["SY02", "Aleppo", "حلب", "SY0201", "Al Bab", "الباب"])
    admin3 = book.create_sheet("admin3")
    admin3.append(["Source: OCHA"])
    admin3.append([])
    admin3.append(["note"] + HEADER)
    admin3.append(["", "SY02", "Aleppo", "حلب", "SY0201", "Al Bab", "الباب", "SY020101", "Tadaf", "تادف"])
    path = tmp_path / "syr_adm.xlsx"
    book.save(path)
    result = runner.invoke(args=["areas", "import", str(path)])
    assert "Added 2" in result.output, result.output  # the deeper sheet is used
    assert _area("SY020101").parent_id == _area("SY0201").id


def test_windows_arabic_csv(runner, tmp_path):
    path = _write_csv(tmp_path, [HEADER, ["SY02", "Aleppo", "حلب", "SY0201", "Al Bab", "الباب",
                                         "SY020101", "Tadaf", "تادف"]], encoding="cp1256")
    runner.invoke(args=["areas", "import", path])
    assert _area("SY020101").name_ar == "تادف"


@pytest.mark.parametrize("content", [b"not,a,gazetteer\n1,2,3\n", b"PK\x03\x04 broken zip"])
def test_a_file_that_is_not_a_gazetteer_is_refused_clearly(runner, tmp_path, content):
    path = tmp_path / ("bad.xlsx" if content.startswith(b"PK") else "bad.csv")
    path.write_bytes(content)
    result = runner.invoke(args=["areas", "import", str(path)])
    assert result.exit_code != 0
    assert "admin1Pcode" in result.output or "XLSX" in result.output


# --- filters, matrix and exports roll up ---------------------------------------------------

def _titles(client, query):
    html = client.get(f"/activities?lang=en&{query}").get_data(as_text=True)
    return set(re.findall(r'<a href="/activities/\d+"[^>]*>([^<]+)</a>', html))


def test_a_filter_by_a_place_includes_everything_inside_it(client, gazetteer, make_activity):
    make_activity(title_en="In Dana", areas=("SY070403",))
    make_activity(title_en="In Ariha district", areas=("SY0703",))
    make_activity(title_en="Idleb as a whole", areas=("SY07",))
    make_activity(title_en="In Aleppo", areas=("SY02",))
    assert _titles(client, "area=SY07") == {"In Dana", "In Ariha district", "Idleb as a whole"}
    assert _titles(client, "area=SY0704") == {"In Dana"}
    assert _titles(client, "area=SY070403") == {"In Dana"}
    assert _titles(client, "area=SY0703") == {"In Ariha district"}


def test_the_matrix_rolls_up_to_governorates_and_down_to_districts(client, gazetteer, make_org, make_activity):
    one, two = make_org(), make_org()
    start = date(YEAR, 2, 1)
    make_activity(org=one, sector="HEALTH", areas=("SY070403", "SY070400"), reached_total=100, start=start)
    make_activity(org=two, sector="HEALTH", areas=("SY0703",), reached_total=40, start=start)
    make_activity(org=two, sector="HEALTH", areas=("SY07",), reached_total=7, start=start)
    level1 = get(client)
    assert _cell(level1, "HEALTH", "SY07") == "⚠ Possible overlap: 2 organisations 3 activities 147 reached"
    level2 = get(client, "/coordination?level=2&in=SY07")
    # Two sub-districts of Harim: one activity, its people once.
    assert _cell(level2, "HEALTH", "SY0704") == "1 organisation 1 activity 100 reached"
    assert _cell(level2, "HEALTH", "SY0703") == "1 organisation 1 activity 40 reached"
    assert "Whole governorate (no district given)" in level2
    flat = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", level2))
    assert "1 organisation 1 activity 7 reached" in flat  # the governorate's own column
    assert "Al Bab" not in level2  # only Idleb's districts


def test_district_level_needs_a_governorate(client, gazetteer):
    html = get(client, "/coordination?level=2")
    assert "Choose a governorate to see its districts." in html
    assert "Syrian governorates" in html  # the governorate level is shown instead


def _cell(html, sector, area):
    match = re.search(rf'href="/activities\?sector={sector}&amp;area={area}&amp;from=[^"]+">(.*?)</a></td>',
                      html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip() if match else None


def test_exports_carry_adm1_adm2_adm3(client, gazetteer, make_activity):
    make_activity(title_en="Deep", areas=("SY070403", "SY0703", "SY02", "TUR"), start=date(YEAR, 1, 1))
    text = client.get("/activities/export.csv?lang=en").get_data(as_text=True).lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text))
    next(reader)
    tags = next(reader)
    rows = [dict(zip(tags, r)) for r in reader]
    by_code = {r["#adm3+code"] or r["#adm2+code"] or r["#adm1+code"] or r["#country+code"]: r for r in rows}
    dana = by_code["SY070403"]
    assert (dana["#adm1+code"], dana["#adm2+code"], dana["#adm3+code"]) == ("SY07", "SY0704", "SY070403")
    assert (dana["#adm1+name"], dana["#adm2+name"], dana["#adm3+name"]) == ("Idleb", "Harim", "Dana")
    ariha = by_code["SY0703"]
    assert (ariha["#adm1+code"], ariha["#adm2+code"], ariha["#adm3+code"]) == ("SY07", "SY0703", "")
    assert (by_code["SY02"]["#adm2+code"], by_code["TUR"]["#adm1+code"]) == ("", "")
    assert by_code["TUR"]["#country+code"] == "TUR" and dana["#country+code"] == "SYR"


# --- the form ------------------------------------------------------------------------------

def test_the_form_shows_the_districts_of_the_chosen_governorates_on_request(client, gazetteer, make_user):
    login(client, make_user())
    page = client.get("/activities/new?lang=en").get_data(as_text=True)
    assert "Dana" not in page and "Show the districts of the chosen governorates" in page
    response = post_form(client, "/activities/new?lang=en", {
        "title_en": "Typed title", "areas": ["SY07"], "action": "places"}, form_url="/activities/new")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Districts and sub-districts of Idleb" in page
    assert 'value="SY070403"' in page and "Al Bab" not in page
    assert 'value="Typed title"' in page  # nothing typed is lost
    assert db.session.scalar(db.select(db.func.count(Activity.id))) == 0  # nothing saved


def test_a_district_chosen_replaces_its_governorate(client, gazetteer, make_user):
    user = make_user()
    login(client, user)
    response = post_form(client, "/activities/new", {
        "title_en": "Water trucking", "primary_sector": "WASH", "areas": ["SY07", "SY070403", "SY02"],
        "start_date": f"{YEAR}-01-01", "status": "ongoing", "visibility": "public", "action": "draft"})
    assert response.status_code == 302, response.get_data(as_text=True)
    activity = db.session.scalar(db.select(Activity))
    assert sorted(a.code for a in activity.areas) == ["SY02", "SY070403"]
    edit = client.get(f"/activities/{activity.id}/edit?lang=en").get_data(as_text=True)
    assert re.search(r'value="SY070403"[^>]*checked|checked[^>]*value="SY070403"', edit)


def test_the_secretariat_sees_the_places_loaded_and_how_to_load_more(client, gazetteer, make_user):
    login(client, make_user(role="secretariat"))
    page = client.get("/secretariat/?lang=en").get_data(as_text=True)
    assert "Governorates: 14; districts: 5; sub-districts: 8." in page
    assert "flask --app portal areas import FILE" in page
