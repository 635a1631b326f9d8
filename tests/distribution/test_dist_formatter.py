"""The formatter: link kept, word boundaries, hashtags moved and trimmed, X threads."""

from __future__ import annotations

import re

from agency.distribution.formatting import (
    Rendition,
    format_for_platform,
    measure,
    split_thread,
    to_little_text,
    validate_text,
)
from agency.distribution.platforms import extract_urls, weighted_length

SENTENCE = "Our new cold brew is smooth, bold and ready for long summer afternoons."
LINK = "https://northbound.coffee/cold-brew?utm_source=social"


def _words(text: str) -> list[str]:
    return text.split()


def test_short_text_is_left_alone_with_link_and_hashtags_appended() -> None:
    post = format_for_platform("linkedin", SENTENCE, link=LINK, hashtags=["ColdBrew"])
    assert post.posts == [f"{SENTENCE} {LINK}\n\n#ColdBrew"]
    assert not post.truncated and post.valid


def test_truncation_keeps_the_link_and_cuts_between_words() -> None:
    text = " ".join([SENTENCE] * 60)  # about 4,300 characters
    post = format_for_platform("linkedin", text, link=LINK, hashtags=["ColdBrew"])
    assert post.truncated and post.valid
    assert measure(post.text, "chars") <= 3000
    assert LINK in post.text and post.text.endswith("#ColdBrew")
    body = post.text.split("…")[0]
    assert text.startswith(body)
    assert text[len(body)] == " "  # the cut fell on a word boundary
    assert len(body) > 2800  # and used the room available


def test_x_long_text_becomes_a_thread_of_valid_posts() -> None:
    text = " ".join([SENTENCE] * 12) + f" Read more at {LINK}"
    post = format_for_platform("x", text, hashtags=["ColdBrew", "Coffee", "Summer"])
    assert post.threaded and len(post.posts) >= 3
    total = len(post.posts)
    for index, item in enumerate(post.posts, start=1):
        assert item.endswith(f" {index}/{total}")
        assert weighted_length(item) <= 280
        assert validate_text("x", item).valid
    joined = " ".join(re.sub(r" \d+/\d+$", "", item) for item in post.posts)
    assert _words(joined) == _words(text + " #ColdBrew #Coffee")
    assert [u.value for p in post.posts for u in extract_urls(p)] == [LINK]


def test_x_hashtags_are_trimmed_to_the_recommendation() -> None:
    post = format_for_platform("x", "Launch day!", hashtags=["#One", "two", "Three", "two"])
    assert post.hashtags == ["One", "two"] and post.dropped_hashtags == ["Three"]
    assert post.text == "Launch day! #One #two"


def test_trailing_hashtags_are_moved_and_capped() -> None:
    text = "Meet the new roast. #coffee #roast #morning #beans #fresh #local #new"
    post = format_for_platform("instagram", text)
    assert post.text.startswith("Meet the new roast.\n\n#coffee")
    assert len(post.hashtags) == 3 and len(post.dropped_hashtags) == 4
    assert validate_text("instagram", post.text).valid


def test_tiktok_ad_text_drops_link_and_hashtags() -> None:
    post = format_for_platform(
        "tiktok_ads", "Cold brew, done right.", link=LINK, hashtags=["coffee"], field="ad_text"
    )
    assert post.text == "Cold brew, done right."
    assert post.link is None and post.dropped_hashtags == ["coffee"]
    assert post.valid


def test_non_thread_platform_truncates_instead_of_threading() -> None:
    post = format_for_platform("youtube", " ".join([SENTENCE] * 3), field="title")
    assert not post.threaded and post.truncated
    assert len(post.text) <= 100 and post.text.endswith("…")


def test_formatter_picks_the_rendition_for_the_placement() -> None:
    renditions = [
        Rendition(uri="wide.mp4", width=1920, height=1080, duration_s=20, codec="h264"),
        Rendition(uri="tall.mp4", width=1080, height=1920, duration_s=20, codec="h264"),
    ]
    post = format_for_platform(
        "tiktok_ads", "Cold brew.", field="ad_text", placement="in_feed", renditions=renditions
    )
    assert post.rendition is not None and post.rendition.uri == "tall.mp4"


def test_split_thread_never_cuts_a_url() -> None:
    urls = [f"https://example.com/{'segment' * 40}/{i}" for i in range(30)]
    posts = split_thread(" ".join(urls), limit=280, measure=weighted_length)
    found = [u.value for p in posts for u in extract_urls(p)]
    assert found == urls
    assert all(weighted_length(p) <= 280 for p in posts)


def test_split_thread_prefers_sentence_ends() -> None:
    text = "First idea is here. " * 10 + "Second thought keeps going " * 10
    posts = split_thread(text, limit=280, measure=weighted_length)
    assert posts[0].rsplit(" ", 1)[0].endswith(".")


def test_linkedin_commentary_is_escaped_with_hashtag_templates() -> None:
    escaped = to_little_text("Brew (cold) *now* at 5_pm #ColdBrew")
    assert escaped == "Brew \\(cold\\) \\*now\\* at 5\\_pm {hashtag|\\#|ColdBrew}"


def test_recommended_only_fields_are_not_cut() -> None:
    text = " ".join([SENTENCE] * 3)
    post = format_for_platform("meta_ads", text, field="primary_text")
    assert post.text == text and not post.truncated
    assert [v.code for v in post.validations[0].violations] == ["over_recommended"]


def test_hashtags_too_long_for_the_field_are_dropped_from_the_end() -> None:
    tags = ["a" * 40, "b" * 40, "c" * 40]
    post = format_for_platform("youtube", "Cold brew " * 9, field="title", hashtags=tags)
    assert post.valid and len(post.text) <= 100 and post.truncated
    assert post.dropped_hashtags == ["c" * 40]
    assert post.text.endswith(f"#{'a' * 40} #{'b' * 40}")
