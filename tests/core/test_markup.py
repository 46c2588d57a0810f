"""The one sanitiser: CommonMark in, allow-listed HTML out."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pvd_network.core.markup import render_markdown, sanitize_html
from tests.data.xss_corpus import VECTORS, assert_inert


@pytest.mark.parametrize("vector", VECTORS)
def test_xss_vectors_come_out_inert(vector):
    assert_inert(render_markdown(vector), vector)
    assert_inert(sanitize_html(vector), vector)


def test_allowed_formatting_survives():
    html = render_markdown(
        "## Titre\n\n**gras** et *italique*\n\n- un\n- deux\n\n1. a\n2. b\n\n> citation\n\n"
        "`code` et\n\n```\nbloc\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    for tag in (
        "<h2>",
        "<strong>",
        "<em>",
        "<ul>",
        "<ol>",
        "<li>",
        "<blockquote>",
        "<code>",
        "<pre>",
        "<table>",
        "<thead>",
        "<tbody>",
        "<tr>",
        "<th>",
        "<td>",
    ):
        assert tag in html, tag


def test_headings_are_clamped_between_h2_and_h4():
    html = render_markdown("# Un\n\n###### Six")
    assert "<h2>Un</h2>" in html and "<h4>Six</h4>" in html and "<h1" not in html


def test_links_get_rel_and_only_safe_protocols():
    html = render_markdown("[site](https://anct.gouv.fr) [mail](mailto:a@b.fr) [ftp](ftp://x.fr)")
    assert '<a href="https://anct.gouv.fr" rel="nofollow ugc noopener">site</a>' in html
    assert 'href="mailto:a@b.fr"' in html
    assert 'href="ftp' not in html


def test_raw_html_is_text_and_images_only_from_uploads():
    assert render_markdown("<b>gras</b>") == "<p>&lt;b&gt;gras&lt;/b&gt;</p>"
    assert '<img src="/uploads/avatars/a.webp" alt="a">' in render_markdown("![a](/uploads/avatars/a.webp)")
    for src in ("https://evil.example/x.png", "/uploads/../secret", "/static/x.png", "//evil/uploads/x"):
        assert "<img" not in render_markdown(f"![x]({src})"), src


def test_table_alignment_styles_are_dropped():
    assert "style" not in render_markdown("| a |\n|:-:|\n| 1 |")


def test_empty_source():
    assert render_markdown("") == "" and render_markdown("   \n") == ""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "<",
                ">",
                '"',
                "'",
                "[",
                "](",
                ")",
                "!",
                "javascript:",
                "data:",
                "/uploads/",
                "onerror=",
                "<img src=",
                "<a href=",
                "<script>",
                "**",
                "\n\n",
                "| a |\n|---|\n",
                "    ",
                "`",
                "&#",
                "x",
                " ",
                "é",
            ]
        )
        | st.text(max_size=8),
        max_size=40,
    ).map("".join)
)
def test_any_markdown_comes_out_inert(source):
    assert_inert(render_markdown(source), repr(source))
