"""Each publisher against its local platform server: the documented flow, and the
platform's errors (expired token, 429 with reset, processing media, partial failure)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from agency.core.clock import utcnow
from agency.core.errors import ProviderError
from agency.distribution.accounts import Credentials, Secret
from agency.distribution.publishing import (
    AuthExpired,
    Disclosure,
    MediaFile,
    PostRequest,
    PublishContext,
    Publisher,
)
from agency.distribution.publishing.sandbox import Fault, SandboxServer
from agency.distribution.publishing.sandbox.meta_fake import throttled


def creds(platform: str, external_id: str, token: str | None = None) -> Credentials:
    account = external_id.rsplit(":", 1)[-1]
    return Credentials("acc1", platform, external_id, Secret(token or f"tok-{account}"), "UTC")


def ctx(progress: dict | None = None, *, resumed: bool = False) -> PublishContext:
    saved: list[dict] = []
    return PublishContext(
        progress=progress or {},
        save=saved.append,
        since=utcnow() - timedelta(seconds=1),
        resumed=resumed,
    )


def media(
    tmp_path: Path,
    kind: str = "image/jpeg",
    size: int = 1000,
    url: str | None = None,
    name: str = "m",
) -> MediaFile:
    path = tmp_path / name
    path.write_bytes(b"\1" * size)
    return MediaFile(
        asset_id=name,
        media_type=kind,
        path=path,
        size_bytes=size,
        url=url or f"https://cdn.example/{name}",
        duration_s=20.0 if "video" in kind else None,
    )


def post(platform: str, text: str, **kw: object) -> PostRequest:
    return PostRequest(
        item_id="i1",
        idempotency_key="k1",
        platform=platform,
        kind=str(kw.pop("kind", "post")),
        text=text,
        **kw,
    )  # type: ignore[arg-type]


def test_x_thread_with_video_chains_replies(
    publishers: dict[str, Publisher], sandbox: SandboxServer, tmp_path: Path
) -> None:
    p = post(
        "x",
        "1/3 first",
        kind="thread",
        parts=["1/3 first", "2/3 second", "3/3 third"],
        media=[media(tmp_path, "video/mp4", 5000)],
    )
    c = ctx()
    result = publishers["x"].publish(p, creds("x", "u1"), c)
    posts = sandbox.world.posts_of("x", "u1")
    assert [x.text for x in posts] == ["1/3 first", "2/3 second", "3/3 third"]
    assert posts[1].data["reply"] == posts[0].id and posts[2].data["reply"] == posts[1].id
    assert (
        result.platform_post_id == posts[0].id
        and result.extra["thread_ids"] == c.progress["posted"]
    )
    assert ("x", "GET", "/2/media/upload") in sandbox.world.requests  # waited for processing


def test_x_thread_partial_failure_resumes_after_the_last_posted_part(
    publishers: dict[str, Publisher], sandbox: SandboxServer
) -> None:
    p = post("x", "a", kind="thread", parts=["part a", "part b", "part c"])
    c = ctx()
    # the second create answers 503: parts 1 posted, 2 and 3 not
    original = sandbox.world.take_fault
    calls = {"n": 0}

    def fault_on_second(platform: str, route: str) -> Fault | None:
        if platform == "x" and route == "create":
            calls["n"] += 1
            if calls["n"] == 2:
                return Fault(
                    503,
                    {
                        "title": "Service Unavailable",
                        "detail": "Service Unavailable",
                        "status": 503,
                    },
                )
        return original(platform, route)

    sandbox.world.take_fault = fault_on_second  # type: ignore[method-assign]
    with pytest.raises(ProviderError) as err:
        publishers["x"].publish(p, creds("x", "u1"), c)
    assert err.value.retryable and len(c.progress["posted"]) == 1
    resumed = ctx(dict(c.progress), resumed=True)
    publishers["x"].publish(p, creds("x", "u1"), resumed)
    assert [x.text for x in sandbox.world.posts_of("x")] == ["part a", "part b", "part c"]
    assert all(sandbox.world.count("x", t) == 1 for t in ("part a", "part b", "part c"))


def test_x_rate_limit_and_expired_token(
    publishers: dict[str, Publisher], sandbox: SandboxServer
) -> None:
    reset = str(int(utcnow().timestamp()) + 30)
    sandbox.world.inject(
        "x",
        "create",
        Fault(
            429,
            {"title": "Too Many Requests", "detail": "Too Many Requests", "status": 429},
            {"x-rate-limit-reset": reset, "x-rate-limit-remaining": "0"},
        ),
    )
    with pytest.raises(ProviderError) as err:
        publishers["x"].publish(post("x", "hello"), creds("x", "u1"), ctx())
    assert err.value.retryable and err.value.status_code == 429
    assert 25 <= (err.value.retry_after or 0) <= 31
    sandbox.world.expired_tokens.add("tok-u1")
    with pytest.raises(AuthExpired):
        publishers["x"].publish(post("x", "hello"), creds("x", "u1"), ctx())


def test_x_duplicate_is_permanent_with_the_platform_message(
    publishers: dict[str, Publisher],
) -> None:
    publishers["x"].publish(post("x", "same"), creds("x", "u1"), ctx())
    with pytest.raises(ProviderError) as err:
        publishers["x"].publish(post("x", "same"), creds("x", "u1"), ctx())
    assert not err.value.retryable and "duplicate content" in err.value.message


def test_linkedin_sends_version_headers_and_reads_the_urn(
    publishers: dict[str, Publisher], sandbox: SandboxServer, tmp_path: Path
) -> None:
    result = publishers["linkedin"].publish(
        post("linkedin", "New #coldbrew (limited)", media=[media(tmp_path)]),
        creds("linkedin", "urn:li:person:m1"),
        ctx(),
    )
    stored = sandbox.world.posts_of("linkedin")[0]
    assert result.platform_post_id == f"urn:li:share:{stored.id}"
    assert stored.text == "New {hashtag|\\#|coldbrew} \\(limited\\)"
    found = publishers["linkedin"].find_by_idempotency(
        creds("linkedin", "urn:li:person:m1"), post("linkedin", "New #coldbrew (limited)"), ctx()
    )
    assert found is not None and found.platform_post_id == result.platform_post_id


def test_instagram_carousel_waits_for_containers(
    publishers: dict[str, Publisher], sandbox: SandboxServer, tmp_path: Path
) -> None:
    sandbox.world.processing_polls = 2
    items = [media(tmp_path, name=f"c{i}") for i in range(3)]
    result = publishers["instagram"].publish(
        post("instagram", "Carousel", kind="carousel", media=items),
        creds("instagram", "igu1"),
        ctx(),
    )
    assert sandbox.world.count("instagram", "Carousel") == 1
    assert result.url and "instagram.com/p/" in result.url


def test_instagram_carousel_child_error_publishes_nothing(
    publishers: dict[str, Publisher], sandbox: SandboxServer, tmp_path: Path
) -> None:
    items = [
        media(tmp_path, name="ok1"),
        media(tmp_path, name="bad", url="https://cdn.example/broken.jpg"),
    ]
    with pytest.raises(ProviderError) as err:
        publishers["instagram"].publish(
            post("instagram", "Broken", kind="carousel", media=items),
            creds("instagram", "igu1"),
            ctx(),
        )
    assert not err.value.retryable and "carousel item 2 of 2" in err.value.message
    assert "could not be fetched" in err.value.message
    assert sandbox.world.posts_of("instagram") == []


def test_instagram_reel_still_processing_is_retryable_and_resumes(
    publishers: dict[str, Publisher], sandbox: SandboxServer, tmp_path: Path
) -> None:
    sandbox.world.processing_polls = 5
    ig = publishers["instagram"]
    ig.max_poll_s = 0  # type: ignore[attr-defined]
    c = ctx()
    reel = post("instagram", "Reel", kind="reel", media=[media(tmp_path, "video/mp4")])
    with pytest.raises(ProviderError) as err:
        ig.publish(reel, creds("instagram", "igu1"), c)
    assert err.value.retryable and "still processing" in err.value.message
    ig.max_poll_s = 60  # type: ignore[attr-defined]
    ig.publish(reel, creds("instagram", "igu1"), ctx(dict(c.progress), resumed=True))
    containers = [o for o in sandbox.world.objects.values() if o.get("kind") == "container"]
    assert len(containers) == 1 and sandbox.world.count("instagram", "Reel") == 1


def test_meta_throttling_and_expired_token(
    publishers: dict[str, Publisher], sandbox: SandboxServer
) -> None:
    body, headers = throttled(minutes=2)
    sandbox.world.inject("meta", "fb_feed", Fault(400, body, headers))
    with pytest.raises(ProviderError) as err:
        publishers["facebook"].publish(post("facebook", "Hi"), creds("facebook", "page1"), ctx())
    assert err.value.retryable and err.value.retry_after == 120
    sandbox.world.expired_tokens.add("tok-page1")
    with pytest.raises(AuthExpired) as auth:
        publishers["facebook"].publish(post("facebook", "Hi"), creds("facebook", "page1"), ctx())
    assert "Session has expired" in auth.value.message


def test_facebook_photos_and_sponsor(
    publishers: dict[str, Publisher], sandbox: SandboxServer, tmp_path: Path
) -> None:
    fb = publishers["facebook"]
    many = fb.publish(
        post(
            "facebook",
            "Album",
            media=[media(tmp_path, name="a"), media(tmp_path, name="b")],
            disclosure=Disclosure(paid_partnership=True, sponsor_id="999"),
        ),
        creds("facebook", "page1"),
        ctx(),
    )
    stored = sandbox.world.posts_of("facebook")[0]
    assert stored.data["sponsor"] == "999" and many.platform_post_id.startswith("page1_")
    metrics = fb.fetch_metrics(creds("facebook", "page1"), many.platform_post_id)
    assert metrics.impressions and metrics.engagement_rate is not None


def test_tiktok_direct_post_file_upload_with_labels(
    publishers: dict[str, Publisher], sandbox: SandboxServer, tmp_path: Path
) -> None:
    video = media(tmp_path, "video/mp4", 3000)
    video = MediaFile(
        asset_id="v", media_type="video/mp4", path=video.path, size_bytes=3000, duration_s=20
    )
    result = publishers["tiktok"].publish(
        post(
            "tiktok",
            "Cold brew in 20 s",
            kind="video",
            media=[video],
            disclosure=Disclosure(ai_generated=True, paid_partnership=True),
        ),
        creds("tiktok", "tt1"),
        ctx(),
    )
    stored = sandbox.world.posts_of("tiktok")[0]
    assert stored.data == {"aigc": True, "branded": True}
    assert result.platform_post_id == stored.id


def test_tiktok_inbox_upload_leaves_a_draft(
    publishers: dict[str, Publisher], sandbox: SandboxServer, tmp_path: Path
) -> None:
    result = publishers["tiktok"].publish(
        post("tiktok", "Draft", kind="inbox", media=[media(tmp_path, "video/mp4")]),
        creds("tiktok", "tt1"),
        ctx(),
    )
    assert result.extra["status"] == "SEND_TO_USER_INBOX" and sandbox.world.posts_of("tiktok") == []


def test_tiktok_rate_limited(
    publishers: dict[str, Publisher], sandbox: SandboxServer, tmp_path: Path
) -> None:
    body = {
        "data": {},
        "error": {"code": "rate_limit_exceeded", "message": "Too many requests", "log_id": "x"},
    }
    sandbox.world.inject("tiktok", "creator_info", Fault(429, body, {"retry-after": "60"}))
    with pytest.raises(ProviderError) as err:
        publishers["tiktok"].publish(
            post("tiktok", "T", kind="video", media=[media(tmp_path, "video/mp4")]),
            creds("tiktok", "tt1"),
            ctx(),
        )
    assert err.value.retryable and err.value.retry_after == 60


def test_youtube_resumable_upload_resumes_after_an_interruption(
    publishers: dict[str, Publisher], sandbox: SandboxServer, tmp_path: Path
) -> None:
    yt = publishers["youtube"]
    big = media(tmp_path, "video/mp4", 5 * 1024 * 1024, name="big")
    short = post(
        "youtube",
        "Behind the brew",
        kind="short",
        media=[big],
        title="Behind the brew",
        disclosure=Disclosure(ai_generated=True),
    )
    sandbox.world.inject(
        "youtube",
        "upload_put",
        Fault(
            503,
            {
                "error": {
                    "code": 503,
                    "message": "Backend Error",
                    "errors": [{"reason": "backendError"}],
                }
            },
        ),
    )
    c = ctx()
    with pytest.raises(ProviderError) as err:
        yt.publish(short, creds("youtube", "ch1"), c)
    assert err.value.retryable and "session" in c.progress
    result = yt.publish(short, creds("youtube", "ch1"), ctx(dict(c.progress), resumed=True))
    stored = sandbox.world.posts_of("youtube")[0]
    assert (
        "#Shorts" in stored.data["description"]
        and stored.data["status"]["containsSyntheticMedia"] is True
    )
    assert result.url == f"https://www.youtube.com/shorts/{stored.id}"
    # asking the finished session again returns the same video, never a second upload
    again = yt.publish(short, creds("youtube", "ch1"), ctx(dict(c.progress), resumed=True))
    assert (
        again.platform_post_id == stored.id
        and sandbox.world.count("youtube", "Behind the brew") == 1
    )
    metrics = yt.fetch_metrics(creds("youtube", "ch1"), stored.id)
    assert metrics.watch_time_s == pytest.approx(33.5 * 60)


def test_tiktok_lost_init_answer_is_found_not_reposted(
    publishers: dict[str, Publisher], sandbox: SandboxServer, tmp_path: Path
) -> None:
    tiktok = publishers["tiktok"]
    video = post("tiktok", "Lost answer", kind="video", media=[media(tmp_path, "video/mp4")])
    first = ctx()
    tiktok.publish(video, creds("tiktok", "tt1"), first)
    # the worker died after TikTok accepted the init but before the publish_id was stored
    lost = ctx({"init_started": True}, resumed=True)
    found = tiktok.find_by_idempotency(creds("tiktok", "tt1"), video, lost)
    assert found is not None and sandbox.world.count("tiktok", "Lost answer") == 1
    never_sent = tiktok.find_by_idempotency(
        creds("tiktok", "tt1"), post("tiktok", "Other"), ctx(resumed=True)
    )
    assert never_sent is None  # no init was recorded as started: nothing to wait for


def test_x_thread_crash_after_first_part_adopts_it(
    publishers: dict[str, Publisher], sandbox: SandboxServer
) -> None:
    thread = post("x", "one", kind="thread", parts=["one of two", "two of two"])
    sandbox.world.record("x", "u1", "one of two")  # posted; the answer never recorded
    resumed = ctx(resumed=True)
    assert publishers["x"].find_by_idempotency(creds("x", "u1"), thread, resumed) is None
    result = publishers["x"].publish(thread, creds("x", "u1"), resumed)
    assert (
        sandbox.world.count("x", "one of two") == 1 and sandbox.world.count("x", "two of two") == 1
    )
    second = sandbox.world.posts_of("x")[1]
    assert second.data["reply"] == result.platform_post_id


def test_tiktok_photo_post_pulls_the_images(
    publishers: dict[str, Publisher], sandbox: SandboxServer, tmp_path: Path
) -> None:
    photos = [media(tmp_path, name=f"p{i}") for i in range(3)]
    result = publishers["tiktok"].publish(
        post("tiktok", "Three ways to brew", kind="photo", media=photos),
        creds("tiktok", "tt1"),
        ctx(),
    )
    stored = sandbox.world.posts_of("tiktok")[0]
    assert stored.text == "Three ways to brew" and result.platform_post_id == stored.id
    no_url = [MediaFile(asset_id="x", media_type="image/jpeg")]
    with pytest.raises(ProviderError, match="public URLs"):
        publishers["tiktok"].publish(
            post("tiktok", "x", kind="photo", media=no_url), creds("tiktok", "tt1"), ctx()
        )


def test_linkedin_video_parts_finalize_and_wait(
    publishers: dict[str, Publisher], sandbox: SandboxServer, tmp_path: Path
) -> None:
    sandbox.world.processing_polls = 2
    video = media(tmp_path, "video/mp4", 9 * 1024 * 1024, name="li.mp4")
    c = ctx()
    result = publishers["linkedin"].publish(
        post("linkedin", "Watch the pour", media=[video], title="The pour"),
        creds("linkedin", "urn:li:person:m1"),
        c,
    )
    assert c.progress["video"].startswith("urn:li:video:")
    parts = [
        r
        for r in sandbox.world.requests
        if r[0] == "linkedin" and r[2].startswith("/video-upload/")
    ]
    assert len(parts) == 3  # 9 MiB in 4 MiB parts
    assert result.platform_post_id.startswith("urn:li:share:")
