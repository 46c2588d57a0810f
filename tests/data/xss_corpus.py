"""XSS vectors for every place that shows member-written Markdown (pages, feeds, API, mails).

Tests render each vector through the real feature and assert with :func:`assert_inert`
that nothing executable survives.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

VECTORS = [
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">clic</a>',
    '<a href="JaVaScRiPt:alert(1)">clic</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">clic</a>',
    '<a href="&#x6A;avascript:alert(1)">clic</a>',
    '<a href="java\tscript:alert(1)">clic</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">clic</a>',
    '<a href="vbscript:msgbox(1)">clic</a>',
    "[clic](javascript:alert(1))",
    "[clic](JAVASCRIPT:alert(1))",
    "[clic](&#106;avascript:alert(1))",
    "[clic](data:text/html,<script>alert(1)</script>)",
    "[clic](vbscript:msgbox(1))",
    "![image](javascript:alert(1))",
    "![image](https://evil.example/tracker.png)",
    '![x" onerror="alert(1)](/uploads/x.png)',
    '<div style="background:url(javascript:alert(1))">stylé</div>',
    '<p style="color:red">rouge</p>',
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="https://evil.example"><input name=x></form>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<b><i>mal</b> imbriqué</i><script>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--<script>alert(1)//--><script>alert(1)</script>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    "<link rel=stylesheet href=https://evil.example/x.css>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
]

FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "meta",
    "base",
    "link",
    "style",
    "svg",
    "math",
    "frame",
    "frameset",
    "applet",
    "body",
    "details",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcset", "poster"}
SAFE_SCHEMES = ("http:", "https:", "mailto:")


class _Inspector(HTMLParser):
    """Collects every tag and attribute a browser would see (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            value = value or ""
            compact = re.sub(r"[\x00-\x20]+", "", value).lower()
            if name.startswith("on"):
                self.problems.append(f"event handler {name}= on <{tag}>")
            elif name == "style":
                self.problems.append(f"style= on <{tag}>")
            elif (
                name in URL_ATTRIBUTES
                and ":" in compact.split("/", 1)[0]
                and not compact.startswith(SAFE_SCHEMES)
            ):
                self.problems.append(f"{name}={value!r} on <{tag}>")
            elif tag == "img" and name == "src" and not compact.startswith("/uploads/"):
                self.problems.append(f"foreign image {value!r}")

    handle_startendtag = handle_starttag


def assert_inert(html: str, context: str = "") -> None:
    """Fail when ``html`` (markup a browser will parse) holds anything executable or foreign."""
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    assert not inspector.problems, f"{context}: {inspector.problems} in {html[:300]!r}"
