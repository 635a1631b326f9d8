"""The gate at the platforms' boundaries: Google RSA 30/31 and 90/91, X 280/281 weighted."""

from __future__ import annotations

from agency.creation.copy import CopyBrief, CopyPiece, check_piece
from agency.distribution.platforms import weighted_length

HEADS = ["North Shore Cold Brew", "Order a bottle", "Northbound Coffee Roasters"]
DESCS = ["Shipped within 48 hours of roasting.", "Roasted in batches of twelve kilos."]


def rsa(headlines: list[str], descriptions: list[str]) -> CopyPiece:
    return CopyPiece(
        id="rsa000000001", platform="google_ads", format="rsa", slot="slot00000001",
        text="\n".join(headlines + descriptions), headlines=headlines, descriptions=descriptions,
    )  # fmt: skip


def x_post(text: str) -> CopyPiece:
    return CopyPiece(id="xpost0000001", platform="x", format="post", text=text)


def test_rsa_headline_30_passes_31_fails(brief: CopyBrief) -> None:
    thirty = "Cold brew from Duluth harbor!!"
    assert len(thirty) == 30
    assert check_piece(rsa([*HEADS, thirty], DESCS), brief=brief) == []
    problems = check_piece(rsa([*HEADS, thirty + "!"], DESCS), brief=brief)
    assert len(problems) == 1 and "31" in problems[0] and "30" in problems[0]


def test_rsa_description_90_passes_91_fails(brief: CopyBrief) -> None:
    ninety = (
        "Smooth cocoa and brown sugar cold brew from Duluth. Order a bottle for your fridge today."
    )
    ninety = ninety.ljust(90, "!")
    assert len(ninety) == 90
    assert check_piece(rsa(HEADS, [*DESCS, ninety]), brief=brief) == []
    problems = check_piece(rsa(HEADS, [*DESCS, ninety + "!"]), brief=brief)
    assert len(problems) == 1 and "91" in problems[0]


def test_rsa_counts_and_duplicates(brief: CopyBrief) -> None:
    assert any("at least 3" in p for p in check_piece(rsa(HEADS[:2], DESCS), brief=brief))
    sixteen = [f"Cold brew number {chr(65 + i)}" for i in range(16)]
    assert any("at most 15" in p for p in check_piece(rsa(sixteen, DESCS), brief=brief))
    five = [f"Cold brew line {chr(65 + i)}." for i in range(5)]
    assert any("at most 4" in p for p in check_piece(rsa(HEADS, five), brief=brief))
    dup = check_piece(rsa([*HEADS, HEADS[0].upper()], DESCS), brief=brief)
    assert any("more than once" in p for p in dup)


def _pad_to(base: str, target: int) -> str:
    """``base`` with ASCII words inserted before it until it weighs exactly ``target``."""
    text = base
    while weighted_length(text) < target:
        text = "x" + text if weighted_length("x" + text) <= target else text
        if weighted_length(text) == target:
            break
    return text


def test_x_weighted_length_280_passes_281_fails_with_url_and_emoji(brief: CopyBrief) -> None:
    tail = f" Order a bottle ☕☕ {brief.link}"
    text = _pad_to(" Cold brew." + tail, 280)
    # the URL counts 23 however long it is, each emoji 2
    assert weighted_length(text) == 280 and len(text) != 280
    assert check_piece(x_post(text), brief=brief) == []
    problems = check_piece(x_post("y" + text), brief=brief)
    assert len(problems) == 1 and "281" in problems[0] and "280" in problems[0]


def test_x_weighs_cjk_double(brief: CopyBrief) -> None:
    tail = f" Order a bottle {brief.link}"
    cjk = "コーヒー" * 30  # 120 characters weighing 240
    text = cjk + tail
    assert weighted_length(text) == 240 + 1 + 14 + 1 + 23  # the URL weighs 23
    assert check_piece(x_post(text), brief=brief) == []
    assert check_piece(x_post("コーヒー" * 2 + text), brief=brief) != []


def test_required_cta_link_and_banned_words(brief: CopyBrief) -> None:
    problems = check_piece(x_post("Cold brew that is cheap to make."), brief=brief)
    assert any("call to action" in p for p in problems)
    assert any(brief.link in p for p in problems)  # type: ignore[operator]
    assert any("banned word 'cheap'" in p for p in problems)


def test_tiktok_ad_text_rejects_links_and_hashtags(brief: CopyBrief) -> None:
    piece = CopyPiece(
        id="tt0000000001", platform="tiktok_ads", format="ad",
        text=f"Cold brew, steeped for 18 hours #coldbrew {brief.link}",
    )  # fmt: skip
    problems = check_piece(piece, brief=brief)
    assert any("links" in p for p in problems) and any("hashtags" in p for p in problems)
