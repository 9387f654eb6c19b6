"""Screenshots of the home page (for people to look at) and checks that the layout holds
in RTL and on a phone."""
import os
import re

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def _no_horizontal_scroll(page):
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {page.viewport_size}"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_home_screenshot(page, live_server, artifacts, lang):
    page.goto(live_server(f"/?lang={lang}"))
    page.screenshot(path=os.path.join(artifacts, f"home-{lang}.png"), full_page=True)
    _no_horizontal_scroll(page)


def test_home_on_a_phone_in_arabic(browser, live_server, artifacts):
    context = browser.new_context(locale="ar-SY", viewport=PHONE, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        for path in ("/", "/charter", "/members", "/volunteer", "/login"):
            page.goto(live_server(path))
            assert page.locator("html").get_attribute("dir") == "rtl"
            _no_horizontal_scroll(page)
            if path == "/":
                page.screenshot(path=os.path.join(artifacts, "home-ar-phone.png"), full_page=True)
        # The brand and the header tools stay inside the screen.
        page.goto(live_server("/"))
        for selector in ("header .brand", "header a[hreflang=en]", "header a[href='/login']"):
            box = page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], selector
    finally:
        context.close()


def test_checkbox_sits_beside_its_label_on_a_phone(browser, live_server):
    context = browser.new_context(locale="ar-SY", viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(live_server("/volunteer"))
        box = page.locator("input[name=consent]").bounding_box()
        label = page.locator("label[for=consent]").bounding_box()
        assert label["y"] < box["y"] + box["height"], "the consent label wrapped below its checkbox"
        # RTL: the box is at the start (right), the label to its left.
        assert label["x"] + label["width"] <= box["x"] + 1
    finally:
        context.close()


def _luminance(css_colour):
    r, g, b = (float(c) for c in re.findall(r"[\d.]+", css_colour)[:3])

    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a, b):
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_keyboard_focus_is_visible_in_the_header(page, live_server, lang):
    """Tab from the top: the skip link shows on screen, then each header link gets a focus
    ring with at least 3:1 contrast against the header (WCAG 1.4.11)."""
    page.goto(live_server(f"/?lang={lang}"))
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    width = page.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, "skip link off screen when focused"
    header_bg = page.locator("header.site").evaluate("el => getComputedStyle(el).backgroundColor")
    for _ in range(page.locator("header.site a, header.site button").count()):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return {inHeader: !!document.activeElement.closest('header.site'),"
            " width: s.outlineWidth, style: s.outlineStyle, colour: s.outlineColor}; }"
        )
        assert style["inHeader"]
        assert style["style"] != "none" and style["width"] != "0px", style
        assert _contrast(style["colour"], header_bg) >= 3, style
