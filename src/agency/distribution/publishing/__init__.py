"""Social publishing: the durable queue, the dispatcher and one publisher per platform.

Schedule (validated against the platform's specs before anything is stored)::

    item = schedule_post(scope, account_id=acct.id, text="…", when=datetime(2026, 3, 29, 9),
                         kind="post", media_asset_ids=[…], disclosure=Disclosure(ai_generated=True))

Dispatch (a worker; several may share the database)::

    publishers = build_publishers(http_client=httpx.Client(timeout=60))
    Dispatcher(database, publishers=publishers, cipher=TokenCipher.from_settings(settings),
               media_resolver=store_resolver(build_blob_store(settings)),
               worker_id="publisher-1").run(stop_event)

Then ``collect_metrics`` reads each published post's metrics into ``post_metrics`` and
``publish_queue.analytics``.
"""

from agency.distribution.publishing.analytics import collect_metrics
from agency.distribution.publishing.disclosure import (
    disclose_text,
    is_synthetic,
    require_disclosure,
)
from agency.distribution.publishing.dispatcher import (
    Claim,
    Dispatcher,
    LeaseLost,
    OAuthRefresher,
    Outcome,
)
from agency.distribution.publishing.http import AccountGone, AuthExpired
from agency.distribution.publishing.media import MediaResolver, check_media, store_resolver
from agency.distribution.publishing.models import (
    Disclosure,
    MediaFile,
    PostMetrics,
    PostRequest,
    PublishContext,
    Publisher,
    PublishResult,
)
from agency.distribution.publishing.queue import (
    cancel_post,
    get_post,
    list_queue,
    publish_now,
    reschedule_post,
    schedule_post,
)
from agency.distribution.publishing.rate_limits import DEFAULT_LIMITS, RateLimit
from agency.distribution.publishing.registry import build_publishers, get_publisher
from agency.distribution.publishing.timing import (
    account_history,
    local_label,
    suggest_for_account,
    suggest_times,
    to_utc,
)
from agency.distribution.publishing.worker import build_dispatcher, run_publisher

__all__ = [
    "DEFAULT_LIMITS",
    "AccountGone",
    "AuthExpired",
    "Claim",
    "Disclosure",
    "Dispatcher",
    "LeaseLost",
    "MediaFile",
    "MediaResolver",
    "OAuthRefresher",
    "Outcome",
    "PostMetrics",
    "PostRequest",
    "PublishContext",
    "PublishResult",
    "Publisher",
    "RateLimit",
    "account_history",
    "build_dispatcher",
    "build_publishers",
    "cancel_post",
    "check_media",
    "collect_metrics",
    "disclose_text",
    "get_post",
    "get_publisher",
    "is_synthetic",
    "list_queue",
    "local_label",
    "publish_now",
    "require_disclosure",
    "reschedule_post",
    "run_publisher",
    "schedule_post",
    "store_resolver",
    "suggest_for_account",
    "suggest_times",
    "to_utc",
]
