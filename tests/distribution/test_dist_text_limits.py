"""The text validator at every platform limit (limit, limit + 1) and X's weighting."""

from __future__ import annotations

import pytest

from agency.distribution.formatting import validate_items, validate_text
from agency.distribution.platforms import get_platform, list_platforms, weighted_length


def _hard_limits() -> list[tuple[str, str, int]]:
    return [
        (spec.name, field, limit.max)
        for spec in map(get_platform, list_platforms())
        for field, limit in spec.text.items()
        if limit.max is not None
    ]


def _soft_limits() -> list[tuple[str, str, int]]:
    return [
        (spec.name, field, limit.recommended)
        for spec in map(get_platform, list_platforms())
        for field, limit in spec.text.items()
        if limit.max is None and limit.recommended is not None
    ]


HARD = _hard_limits()


def test_boundary_table_covers_every_platform() -> None:
    assert {name for name, _, _ in HARD} >= {"x", "linkedin", "instagram", "facebook", "tiktok"}
    assert len(HARD) >= 20


@pytest.mark.parametrize(("platform", "field", "limit"), HARD)
def test_exactly_at_the_limit_is_valid(platform: str, field: str, limit: int) -> None:
    result = validate_text(platform, "a" * limit, field=field)
    assert result.weighted_length == limit
    assert result.limit == limit
    assert not [v for v in result.violations if v.code == "too_long"]


@pytest.mark.parametrize(("platform", "field", "limit"), HARD)
def test_one_over_the_limit_is_invalid_by_one(platform: str, field: str, limit: int) -> None:
    result = validate_text(platform, "a" * (limit + 1), field=field)
    assert not result.valid
    (violation,) = [v for v in result.violations if v.code == "too_long"]
    assert violation.by == 1 and violation.fix


@pytest.mark.parametrize(("platform", "field", "limit"), _soft_limits())
def test_recommended_only_fields_warn(platform: str, field: str, limit: int) -> None:
    assert not validate_text(platform, "a" * limit, field=field).violations
    result = validate_text(platform, "a" * (limit + 1), field=field)
    assert result.valid
    assert [(v.code, v.severity, v.by) for v in result.violations] == [
        ("over_recommended", "warning", 1)
    ]


def test_x_counts_every_url_as_23() -> None:
    url = "https://example.com/" + "p" * 200
    assert weighted_length(url) == 23
    assert validate_text("x", "a" * 256 + " " + url).weighted_length == 280
    assert not validate_text("x", "a" * 257 + " " + url).valid


def test_x_counts_cjk_twice() -> None:
    assert validate_text("x", "故" * 140).valid
    result = validate_text("x", "故" * 141)
    assert (result.weighted_length, result.valid, result.violations[0].by) == (282, False, 2)


def test_x_counts_emoji_sequences_as_two() -> None:
    family = "👨‍👩‍👧‍👦"
    assert weighted_length(family) == 2
    assert weighted_length("🙋🏽") == 2
    assert validate_text("x", family * 140).valid
    assert not validate_text("x", family * 141).valid


def test_youtube_description_counts_bytes_and_rejects_angle_brackets() -> None:
    assert validate_text("youtube", "é" * 2500, field="description").valid
    result = validate_text("youtube", "é" * 2500 + "a", field="description")
    assert (result.weighted_length, result.valid) == (5001, False)
    codes = [v.code for v in validate_text("youtube", "<b>New</b>", field="title").violations]
    assert codes == ["forbidden_characters"]


def test_tiktok_counts_utf16_units() -> None:
    assert validate_text("tiktok", "😀" * 1100).weighted_length == 2200
    assert not validate_text("tiktok", "😀" * 1100 + "a").valid


def test_google_ads_counts_double_width_twice() -> None:
    assert validate_text("google_ads", "日" * 15, field="rsa_headline").valid
    result = validate_text("google_ads", "日" * 16, field="rsa_headline")
    assert result.violations[0].by == 2


def test_hashtag_and_mention_limits() -> None:
    tags = " ".join(f"#tag{i}x" for i in range(6))
    result = validate_text("instagram", f"Launch day {tags}")
    (violation,) = [v for v in result.violations if v.code == "too_many_hashtags"]
    assert violation.by == 1 and len(result.hashtags) == 6
    mentions = " ".join(f"@user{i}" for i in range(21))
    result = validate_text("instagram", f"Thanks {mentions}")
    assert [v.by for v in result.violations if v.code == "too_many_mentions"] == [1]
    assert validate_text("instagram", "Hello #a1 #b2 #c3 #d4 #e5").valid


def test_tiktok_ad_text_allows_no_links_hashtags_or_mentions() -> None:
    result = validate_text("tiktok_ads", "Try it @brand #coffee example.com", field="ad_text")
    codes = {v.code for v in result.violations}
    assert codes == {"links_not_allowed", "hashtags_not_allowed", "mentions_not_allowed"}


def test_banned_words_and_required_elements() -> None:
    result = validate_text(
        "linkedin",
        "The cheapest coffee, guaranteed. Cheapest!",
        banned_words=["cheapest", "cure"],
        required=["#ad"],
    )
    by_code = {v.code: v for v in result.violations}
    assert by_code["banned_word"].by == 2
    assert "#ad" in by_code["missing_required"].message
    assert not result.valid
    assert validate_text("linkedin", "Good coffee #ad", required=["#ad"]).valid


def test_empty_text_is_invalid() -> None:
    assert [v.code for v in validate_text("x", "").violations] == ["empty"]


def test_rsa_assets_count_and_duplicates() -> None:
    codes = [v.code for v in validate_items("google_ads", ["A", "B"], field="rsa_headline")]
    assert codes == ["too_few_items"]
    items = ["Fresh cold brew", "fresh  cold brew", "Order today", "x" * 31]
    codes = [v.code for v in validate_items("google_ads", items, field="rsa_headline")]
    assert codes == ["duplicate_item", "too_long"]
    many = [f"Headline {i}" for i in range(16)]
    assert [v.by for v in validate_items("google_ads", many, field="rsa_headline")] == [1]


def test_x_has_no_mention_cap_in_text() -> None:
    text = " ".join(f"@user{i}" for i in range(15))
    assert validate_text("x", text).valid


def test_x_rejects_the_characters_twitter_text_calls_invalid() -> None:
    result = validate_text("x", "Launch\ufffe day")
    assert not result.valid
    assert [(v.code, v.by) for v in result.violations] == [("invalid_characters", 1)]
