"""Markdown written by users, rendered and sanitised (nh3) before it reaches a page."""
from functools import lru_cache

import markdown as md
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "ul", "ol", "li",
    "blockquote", "a", "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def render(text):
    """Markdown → safe HTML: scripts, styles, event handlers and unsafe links are removed."""
    return _render(text or "")


@lru_cache(maxsize=1024)
def _render(text):
    """The result depends on the text alone, so each worker renders a given text once."""
    html = md.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)


def init_app(app):
    app.jinja_env.filters["markdown"] = render
