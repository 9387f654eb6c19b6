"""Arabic-aware normalisation for search: one function, used on stored text and on queries alike.

NFKC; Arabic diacritics (tashkeel) and tatweel removed; أ إ آ ٱ → ا; ى → ي; ة → ه; ؤ → و;
ئ → ي; Arabic-Indic and Persian digits → 0-9; case folded. Words then lose a leading definite
article (ال, and وال/بال/كال/فال/لل) so that المدرسة and مدرسة find each other.
"""
import re
import unicodedata

_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "ـ": None,  # tatweel
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
})
# Harakat, tanween, shadda, sukun, superscript alef, Quranic marks.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_WORD = re.compile(r"\w+")
_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
MAX_TERM = 64


def normalise(text):
    """The searchable form of a text (see the module's docstring)."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _DIACRITICS.sub("", text)
    return text.translate(_MAP).casefold()


def _strip_article(word):
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            return word[len(article):]
    return word


def words(text):
    """The normalised words of a text, articles removed, in order, without repeats."""
    seen = []
    for word in _WORD.findall(normalise(text)):
        word = _strip_article(word)[:MAX_TERM]
        if word and word not in seen:
            seen.append(word)
    return seen


def query_words(query, limit=8):
    """The words of a search query (at most ``limit``), normalised the same way."""
    return words(query)[:limit]
