"""Platform specs load from the shipped data files, with a source for every fact."""

from __future__ import annotations

from importlib import resources

import pytest

from agency.core import InputError
from agency.distribution.platforms import (
    AspectRange,
    PlatformSpec,
    get_platform,
    get_text_limit,
    list_platforms,
    parse_ratio,
)

REQUIRED = {
    "x",
    "linkedin",
    "instagram",
    "facebook",
    "tiktok",
    "youtube",
    "email",
    "meta_ads",
    "google_ads",
    "tiktok_ads",
}


def test_every_required_platform_has_a_spec() -> None:
    assert set(list_platforms()) >= REQUIRED


def test_spec_files_ship_as_package_data() -> None:
    folder = resources.files("agency.distribution.platforms").joinpath("data")
    names = {entry.name for entry in folder.iterdir()}
    assert {f"{name}.yaml" for name in REQUIRED} <= names


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_every_fact_names_a_source_with_url_and_note(name: str) -> None:
    spec = get_platform(name)
    keys = [limit.source for limit in spec.text.values()]
    keys += [limit.recommended_source or limit.source for limit in spec.text.values()]
    keys += [media.source for media in spec.media.values()]
    keys += [rule.source for rule in (spec.hashtags, spec.mentions) if rule is not None]
    for key in keys:
        source = spec.source_for(key)
        assert source.url and source.retrieved


def test_a_fact_with_an_unknown_source_does_not_load() -> None:
    with pytest.raises(ValueError, match="unknown source keys"):
        PlatformSpec.model_validate(
            {
                "name": "bad",
                "display_name": "Bad",
                "kind": "social",
                "default_field": "post",
                "sources": {},
                "text": {"post": {"max": 10, "source": "nowhere"}},
            }
        )


def test_unknown_platform_is_an_input_error_naming_the_valid_ones() -> None:
    with pytest.raises(InputError) as caught:
        get_platform("myspace")
    assert caught.value.field == "platform"
    assert "linkedin" in (caught.value.fix or "") and "x" in (caught.value.fix or "")


def test_aliases_and_case_resolve() -> None:
    assert get_platform("Twitter").name == "x"
    assert get_platform("IG").name == "instagram"


def test_unknown_field_names_the_valid_fields() -> None:
    with pytest.raises(InputError) as caught:
        get_text_limit("youtube", "subtitle")
    assert "title" in (caught.value.fix or "")


@pytest.mark.parametrize(
    ("platform", "field", "limit", "counting"),
    [
        ("x", "post", 280, "twitter_weighted"),
        ("linkedin", "post", 3000, "chars"),
        ("instagram", "caption", 2200, "chars"),
        ("facebook", "post", 63206, "chars"),
        ("tiktok", "caption", 2200, "utf16"),
        ("youtube", "title", 100, "chars"),
        ("youtube", "description", 5000, "utf8_bytes"),
        ("google_ads", "rsa_headline", 30, "double_width"),
        ("google_ads", "rsa_description", 90, "double_width"),
        ("meta_ads", "headline", 40, "chars"),
        ("tiktok_ads", "ad_text", 100, "chars"),
    ],
)
def test_key_limits(platform: str, field: str, limit: int, counting: str) -> None:
    text = get_text_limit(platform, field)
    assert (text.max, text.counting) == (limit, counting)


def test_rsa_item_counts() -> None:
    headline = get_text_limit("google_ads", "rsa_headline")
    description = get_text_limit("google_ads", "rsa_description")
    assert (headline.min_items, headline.max_items, headline.unique) == (3, 15, True)
    assert (description.min_items, description.max_items) == (2, 4)


def test_post_maps_to_the_main_field() -> None:
    assert get_text_limit("instagram", "post").max == 2200


def test_aspect_ranges_parse_both_forms() -> None:
    assert parse_ratio("9:16") == pytest.approx(0.5625)
    exact = AspectRange.parse("1:1")
    assert (exact.low, exact.high) == (1.0, 1.0)
    span = AspectRange.parse(["1.91:1", "4:5"])
    assert (span.low, span.high) == (pytest.approx(0.8), pytest.approx(1.91))
    with pytest.raises(ValueError):
        parse_ratio("wide")


def test_media_specs_cover_the_main_placements() -> None:
    assert {"feed_image", "carousel", "reel", "story"} <= set(get_platform("instagram").media)
    assert "short" in get_platform("youtube").media
    assert get_platform("tiktok_ads").media["in_feed"].max_duration_s == 60
