"""Profile extraction pieces: palette, fonts, identity, products, social links."""

from __future__ import annotations

import io

from PIL import Image

from agency.intelligence.brand import build_brand_profile
from agency.intelligence.brand.contact import profile_link, social_links
from agency.intelligence.brand.css import iter_declarations
from agency.intelligence.brand.document import parse_document
from agency.intelligence.brand.fonts import extract_fonts, google_fonts_families
from agency.intelligence.brand.identity import brand_name, tagline
from agency.intelligence.brand.palette import build_palette, logo_colors
from agency.intelligence.brand.products import extract_products
from agency.intelligence.crawl.models import CrawledPage, CrawlResult, LogoImage, Stylesheet
from shared_data import TESTDATA  # type: ignore[import-not-found]

SAMPLES = TESTDATA / "metadata/extruct-samples/tests"


def _page(url: str, html: str, title: str = "") -> CrawledPage:
    return CrawledPage(url=url, html=html, title=title, text="")


def test_palette_weights_custom_properties_by_use_and_skips_white() -> None:
    css = """
    :root { --brand: #C0392B; --ink: rgb(20, 40, 80); --unused: #00ff00; }
    body { background: #ffffff; color: var(--ink); }
    .a, .b { color: var(--brand); border-color: var(--brand); }
    .c { background: linear-gradient(90deg, #8e44ad, hsl(204, 70%, 53%)); }
    @media (min-width: 40em) { .d { color: var(--brand); background-color: tomato; } }
    """
    palette = build_palette(list(iter_declarations([css])))
    hexes = [c.hex for c in palette]
    assert hexes[0] == "#c0392b"  # three uses beat one
    assert hexes[1] == "#142850"
    assert {"#8e44ad", "#3398db", "#ff6347", "#00ff00"} <= set(hexes)
    assert "#ffffff" not in hexes
    assert palette[0].sources == ["css-variable"] and palette[0].names == ["--brand"]


def test_logo_pixels_from_png_and_svg() -> None:
    img = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    img.paste((31, 58, 95, 255), (0, 0, 100, 60))
    img.paste((217, 130, 43, 255), (0, 60, 100, 100))
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    colors = dict(logo_colors(buffer.getvalue(), "image/png"))
    assert colors == {(31, 58, 95): 0.6, (217, 130, 43): 0.4}
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect fill="#123456"/>'
        b'<circle fill="#123456"/><path stroke="#abcdef"/></svg>'
    )
    assert logo_colors(svg, "image/svg+xml")[0] == ((0x12, 0x34, 0x56), 2 / 3)
    assert logo_colors(b"not an image", "image/png") == []


def test_logo_colour_merges_with_a_css_colour() -> None:
    img = Image.new("RGB", (10, 10), (32, 60, 96))
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    palette = build_palette(
        list(iter_declarations([":root{--x:#1f3a5f} a{color:var(--x)}"])),
        logo=(buffer.getvalue(), "image/png"),
    )
    assert [c.hex for c in palette] == ["#1f3a5f"]
    assert palette[0].sources == ["css-variable", "logo-pixels"]


def test_fonts_from_css_google_links_and_font_face() -> None:
    css = """
    @font-face { font-family: "Brand Serif"; src: url(brand.woff2); }
    @font-face { font-family: "Font Awesome 6 Free"; src: url(fa.woff2); }
    :root { --heading: 'Brand Serif', Georgia, serif; }
    h1 { font-family: var(--heading); }
    body { font: 400 16px/1.5 "Inter", system-ui, -apple-system, sans-serif; }
    code { font-family: ui-monospace, monospace; }
    """
    html = (
        '<link href="https://fonts.googleapis.com/css2?family=Inter:wght@400;700'
        '&amp;family=DM+Serif+Display&display=swap" rel="stylesheet">'
    )
    fonts = extract_fonts(list(iter_declarations([css])), html_texts=[html])
    assert fonts[:2] == ["Brand Serif", "Inter"]
    assert "DM Serif Display" in fonts
    assert not {"serif", "system-ui", "-apple-system", "monospace", "Georgia"} & set(fonts)
    assert not any("Awesome" in f for f in fonts)


def test_google_fonts_v1_api() -> None:
    url = "https://fonts.googleapis.com/css?family=Open+Sans:400,700|Roboto+Slab"
    assert google_fonts_families([url]) == ["Open Sans", "Roboto Slab"]


def test_open_graph_product_from_extruct_sample() -> None:
    html = (SAMPLES / "samples/misc/opengraph_ns_product_test.html").read_text()
    doc = parse_document(_page("https://www.fye.com/item.html", html))
    products = extract_products([doc], [""])
    assert len(products) == 1
    assert products[0].price == "17.99"
    assert products[0].name.startswith("Better Off Dead")
    assert products[0].image_url and products[0].image_url.startswith("https://www.fye.com/")


def test_json_ld_graph_offers_and_broken_blocks() -> None:
    html = """<html><head>
    <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "Organization", "name": "Acme Tea", "slogan": "Steeped in care",
       "sameAs": ["https://twitter.com/acmetea"]},
      {"@type": "Product", "name": "Sencha", "offers": [{"@type": "Offer", "price": 12.5,
       "priceCurrency": "EUR"}], "image": {"@type": "ImageObject", "url": "/img/sencha.jpg"}},
      {"@type": "Product", "name": "Matcha", "offers": {"@type": "AggregateOffer",
       "lowPrice": "20", "priceCurrency": "EUR"}}]}</script>
    <script type="application/ld+json">{ "broken": // comment
    }</script></head><body><h1>Welcome</h1></body></html>"""
    doc = parse_document(_page("https://acme.test/", html, "Home | Acme Tea"))
    products = {p.name: p for p in extract_products([doc], [""])}
    assert products["Sencha"].price == "12.5" and products["Sencha"].currency == "EUR"
    assert products["Sencha"].image_url == "https://acme.test/img/sencha.jpg"
    assert products["Matcha"].price == "20"
    assert brand_name([doc], domain="acme.test") == "Acme Tea"
    assert tagline([doc], name="Acme Tea") == "Steeped in care"
    assert social_links([doc]) == {"x": "https://twitter.com/acmetea"}


def test_name_from_titles_shared_by_pages() -> None:
    docs = [
        parse_document(_page(f"https://x.test/{p}", "<html><body></body></html>", f"{t} - Zephyr"))
        for p, t in [("", "Home"), ("a", "Features"), ("b", "Pricing")]
    ]
    assert brand_name(docs, domain="x.test") == "Zephyr"


def test_profile_links() -> None:
    assert profile_link("https://www.facebook.com/sharer/sharer.php?u=x") is None
    assert profile_link("https://github.com/acme/widget/blob/main/README.md") == (
        "github",
        "https://github.com/acme/widget",
    )
    assert profile_link("https://www.youtube.com/watch?v=abc") is None
    assert profile_link("https://instagram.com/acme/") == (
        "instagram",
        "https://instagram.com/acme",
    )
    assert profile_link("https://example.com/acme") is None


def test_build_profile_without_pages_is_an_input_error() -> None:
    import pytest

    from agency.core.errors import InputError

    with pytest.raises(InputError):
        build_brand_profile(CrawlResult(start_url="https://x.test/", final_url="https://x.test/"))


def test_build_profile_from_a_minimal_crawl() -> None:
    html = """<html><head><title>Kiln &amp; Co — Hand-thrown stoneware</title>
    <meta name="description" content="Stoneware made in Bristol."></head><body>
    <a href="mailto:Studio@Kiln.test?subject=hi">mail</a> <a href="tel:+44 117 555 0101">call</a>
    <a href="https://www.pinterest.com/kilnandco/">Pinterest</a></body></html>"""
    crawl = CrawlResult(
        start_url="https://kiln.test/",
        final_url="https://kiln.test/",
        pages=[
            CrawledPage(
                url="https://kiln.test/",
                html=html,
                title="Kiln & Co — Hand-thrown stoneware",
                text="Write to orders@kiln.test",
            )
        ],
        stylesheets=[Stylesheet(url="https://kiln.test/s.css", text="a{color:#b85c38}")],
        logo=LogoImage.from_bytes(
            "https://kiln.test/logo.svg", "image/svg+xml", b'<svg><rect fill="#2c3e50"/></svg>'
        ),
    )
    profile = build_brand_profile(crawl)
    assert profile.name == "Kiln & Co" and profile.tagline == "Hand-thrown stoneware"
    assert profile.description == "Stoneware made in Bristol."
    assert profile.contact.emails == ["studio@kiln.test", "orders@kiln.test"]
    assert profile.contact.phones == ["+44 117 555 0101"]
    assert profile.social_links == {"pinterest": "https://www.pinterest.com/kilnandco"}
    assert set(profile.palette) == {"#b85c38", "#2c3e50"}
    assert profile.logo == "https://kiln.test/logo.svg"


def test_xhtml_with_an_xml_declaration_is_parsed() -> None:
    html = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        '<head><meta property="og:site_name" content="Old School Ltd"/></head><body/></html>'
    )
    doc = parse_document(_page("https://old.test/", html))
    assert brand_name([doc], domain="old.test") == "Old School Ltd"
