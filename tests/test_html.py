"""Escaped paragraph rendering with entity links at character offsets, and isolation."""

from builder.html import Link, isolate, linked


def test_links_are_inserted_at_offsets() -> None:
    text = "قال بوتين إن سوريا مهمة"
    html = linked(text, [Link(13, 18, "../s/"), Link(4, 9, "../p/", "Putin")])
    assert html == ('قال <a href="../p/" title="Putin">بوتين</a> إن '
                    '<a href="../s/">سوريا</a> مهمة')


def test_text_and_attributes_are_escaped() -> None:
    html = linked('<b>x</b> "y"', [Link(0, 3, 'a" onclick="x', '"t"')])
    assert "<b>" not in html and html.startswith('<a href=')
    assert 'href="a&#34; onclick=&#34;x"' in html and 'title="&#34;t&#34;"' in html
    assert "&lt;/b&gt;" in html


def test_overlapping_empty_and_out_of_range_links_are_skipped() -> None:
    text = "جامعة الدول العربية"
    html = linked(text, [Link(0, 19, "a/"), Link(6, 11, "b/"), Link(3, 3, "c/"),
                         Link(10, 99, "d/"), Link(-1, 2, "e/")])
    assert html.count("<a ") == 1 and 'href="a/"' in html


def test_isolate() -> None:
    assert isolate("Vladimir Putin", "en") == '<bdi lang="en" dir="ltr">Vladimir Putin</bdi>'
    assert isolate("بوتين", "ar") == '<bdi lang="ar" dir="rtl">بوتين</bdi>'
    assert isolate("<x>") == "<bdi>&lt;x&gt;</bdi>"


def test_text_in_the_other_script_is_isolated() -> None:
    from builder.html import bidi_text, text_lang

    assert (text_lang("بوتين"), text_lang("Putin"), text_lang("2015")) == ("ar", "en", "ar")
    assert bidi_text("Putin", "ar") == '<bdi lang="en" dir="ltr">Putin</bdi>'
    assert bidi_text("<b>بوتين</b>", "ar") == "&lt;b&gt;بوتين&lt;/b&gt;"
    assert bidi_text(None, "en") == ""


def test_names_chips_and_items_are_escaped() -> None:
    from builder.html import article_item, entity_name, item_body, tag_chip

    assert entity_name("بوتين", "Putin", "en") == 'Putin (<bdi lang="ar" dir="rtl">بوتين</bdi>)'
    assert entity_name("بوتين", "Putin", "ar") == "بوتين"
    assert tag_chip('../x"/', entity_name("<ب>", None, "ar"), 3) == (
        '<a href="../x&#34;/">&lt;ب&gt;</a> <small>3</small>')
    body = item_body("ar", None, "عنوان <b>", "ملخص")
    assert body == 'عنوان &lt;b&gt;</a><br><span class="na-summary">ملخص</span></li>'
    assert article_item("../a/", body).startswith('<li><a href="../a/">عنوان')
    dated = item_body("en", "2015-11-20", "Title", "Summary")
    # the Gregorian date alone: the article's page gives the Hijri date beside it
    assert '<time datetime="2015-11-20">20 November 2015</time>' in dated
    assert '<time datetime="2015-11-20">20 نوفمبر 2015</time>' in item_body(
        "ar", "2015-11-20", "عنوان", None)
