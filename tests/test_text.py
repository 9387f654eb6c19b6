"""Arabic-aware normalisation for search."""
import pytest

from portal.text import normalise, query_words, words


@pytest.mark.parametrize("a, b", [
    ("مدرسة", "مدرسه"),            # taa marbuta
    ("أطفال", "اطفال"),            # hamza on alef
    ("إغاثة", "اغاثه"),
    ("آبار", "ابار"),
    ("مستشفى", "مستشفي"),          # alef maqsura
    ("مؤسسة", "موسسه"),            # waw with hamza
    ("بيئة", "بييه"),              # yeh with hamza
    ("مَدْرَسَةٌ", "مدرسه"),          # tashkeel
    ("مـــدرســة", "مدرسه"),          # tatweel
    ("٢٠٢٦", "2026"),               # Arabic-Indic digits
    ("۲۰۲۶", "2026"),               # Persian digits
    ("Ｓｃｈｏｏｌ", "school"),        # NFKC + case
])
def test_spellings_normalise_alike(a, b):
    assert normalise(a) == normalise(b)


def test_definite_article_is_dropped_from_words():
    assert words("المدرسة") == words("مدرسة") == ["مدرسه"]
    assert words("والمدارس بالمخيمات للأطفال") == ["مدارس", "مخيمات", "اطفال"]


def test_short_words_keep_their_letters():
    assert words("ال") == ["ال"] and words("الم") == ["الم"]


def test_words_are_unique_and_ordered():
    assert words("Water water WATER مياه") == ["water", "مياه"]


def test_query_words_are_limited():
    assert len(query_words(" ".join(f"w{i}" for i in range(20)))) == 8


def test_search_finds_other_spellings(app, make_activity):
    from portal.extensions import db
    from portal.models import Activity
    from portal.search import condition

    school = make_activity(title_ar="تأهيل المدرسة الابتدائية في إدلب")
    make_activity(title_ar="توزيع سلال غذائية")
    make_activity(title_ar="مدرسة", state="draft")

    def found(query):
        clause = condition("activity", Activity.id, query)
        return {a.id for a in db.session.scalars(db.select(Activity).where(clause))}

    assert school.id in found("مدرسه")          # taa marbuta, no article
    assert school.id in found("المدرسة ادلب")     # article, hamza, two words
    assert school.id in found("مدر")              # a prefix
    assert found("مدرسه مستشفى") == set()         # every word must match
