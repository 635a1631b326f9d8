"""The dispatcher: claims due posts, publishes each exactly once, retries with backoff.

Exactly once, also when a worker dies at any point:

1. *Claim* — in one transaction the item moves ``scheduled|retrying → publishing`` (a
   guarded UPDATE; ``FOR UPDATE SKIP LOCKED`` on PostgreSQL) and the worker takes a lease.
2. *Publish* — every intermediate id the platform hands out (media ids, containers,
   thread parts, upload sessions, TikTok publish ids) is committed before the next
   call, under the lease (a worker that lost its lease stops).
3. *Record* — ``published`` with the platform's id, guarded by the lease.

A post left ``publishing`` by a dead worker (lease expired, or this worker restarting
under the same id) and any post retried after an attempt started is first
*reconciled*: the platform is read (``find_by_idempotency``) and a post already there
is recorded instead of being sent again. Creating calls are never retried blindly.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import and_, or_, select, update

from agency.core.clock import utcnow
from agency.core.errors import AgencyError, PolicyViolation, ProviderError
from agency.core.logging import get_logger
from agency.db.engine import Database
from agency.db.models import PublishQueueItem
from agency.db.publishing_models import PublishDispatch, SocialAccount
from agency.db.repository import OrgScope
from agency.distribution.accounts.crypto import TokenCipher
from agency.distribution.accounts.oauth import OAuthClient, OAuthProvider
from agency.distribution.accounts.service import as_utc, credentials, refresh_account
from agency.distribution.publishing.http import AccountGone, AuthExpired
from agency.distribution.publishing.media import MediaResolver
from agency.distribution.publishing.models import (
    Disclosure,
    PostRequest,
    PublishContext,
    Publisher,
    PublishResult,
)
from agency.distribution.publishing.rate_limits import RateLimit, next_allowed
from agency.providers.retry import RetryPolicy

log = get_logger(__name__)
OPEN = ("scheduled", "retrying")
QUEUE_RETRY = RetryPolicy(max_retries=5, base_delay_s=30.0, max_delay_s=3600.0)


class LeaseLost(AgencyError):
    """Another worker took this post over (our lease expired); stop touching it."""

    code = "lease_lost"


@dataclass(frozen=True)
class Claim:
    """A post this worker holds: attempt number, whether an earlier attempt started."""

    item_id: str
    org_id: str
    attempt: int
    resumed: bool
    since: datetime


@dataclass(frozen=True)
class Outcome:
    """What one dispatch did."""

    item_id: str
    status: str
    detail: str = ""
    reconciled: bool = False


@dataclass
class OAuthRefresher:
    """What the dispatcher needs to refresh expired tokens."""

    clients: Mapping[str, OAuthClient]
    http_client: httpx.Client
    providers: Mapping[str, OAuthProvider] = field(default_factory=dict)


class Dispatcher:
    """One worker's publishing loop over the shared queue."""

    def __init__(
        self,
        database: Database,
        *,
        publishers: Mapping[str, Publisher],
        cipher: TokenCipher,
        media_resolver: MediaResolver,
        worker_id: str,
        refresher: OAuthRefresher | None = None,
        retry: RetryPolicy = QUEUE_RETRY,
        lease_s: float = 300.0,
        max_attempts: int = 6,
        batch: int = 1,
        limits: dict[str, RateLimit] | None = None,
        clock: Any = utcnow,
    ) -> None:
        self.database = database
        self.publishers = publishers
        self.cipher = cipher
        self.media_resolver = media_resolver
        self.worker_id = worker_id
        self.refresher = refresher
        self.retry = retry
        self.lease = timedelta(seconds=lease_s)
        self.max_attempts = max_attempts
        self.batch = batch
        self.limits = limits
        self.clock = clock
        self._postgres = database.engine.dialect.name == "postgresql"

    # -- claiming ---------------------------------------------------------------------

    def release_own_leases(self) -> int:
        """On start: posts this worker id held in an earlier life become reclaimable now."""
        with self.database.session() as s:
            result = s.execute(
                update(PublishDispatch)
                .where(PublishDispatch.lease_owner == self.worker_id)
                .values(lease_expires_at=self.clock() - timedelta(seconds=1))
            )
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def claim(self) -> list[Claim]:
        """Take up to ``batch`` due posts (or posts a dead worker left mid-publish)."""
        now = self.clock()
        q, d = PublishQueueItem, PublishDispatch
        due = or_(
            and_(q.status.in_(OPEN), d.next_attempt_at <= now),
            and_(q.status == "publishing", d.lease_expires_at < now),
        )
        stmt = (
            select(q.id, q.org_id, q.status, q.account_id, q.attempts, d.first_attempt_at)
            .join(d, d.queue_item_id == q.id)
            .where(due)
            .order_by(d.next_attempt_at)
            .limit(self.batch * 4)
        )
        if self._postgres:
            stmt = stmt.with_for_update(of=q, skip_locked=True)
        claims: list[Claim] = []
        with self.database.session() as s:
            for item_id, org_id, status, account_id, attempts, first_raw in s.execute(stmt).all():
                first = as_utc(first_raw)
                if len(claims) >= self.batch:
                    break
                if status != "publishing" and account_id:
                    account = s.get(SocialAccount, account_id)
                    wait = account and next_allowed(s, account, now=now, limits=self.limits)
                    if wait:
                        s.execute(
                            update(d).where(d.queue_item_id == item_id).values(next_attempt_at=wait)
                        )
                        continue
                if status == "publishing":
                    taken = s.execute(
                        update(d)
                        .where(d.queue_item_id == item_id, d.lease_expires_at < now)
                        .values(lease_owner=self.worker_id, lease_expires_at=now + self.lease)
                    )
                else:
                    taken = s.execute(
                        update(q)
                        .where(q.id == item_id, q.status.in_(OPEN))
                        .values(status="publishing")
                    )
                if taken.rowcount != 1:  # type: ignore[attr-defined]
                    continue  # another worker was faster
                s.execute(update(q).where(q.id == item_id).values(attempts=q.attempts + 1))
                s.execute(
                    update(d)
                    .where(d.queue_item_id == item_id)
                    .values(
                        lease_owner=self.worker_id,
                        lease_expires_at=now + self.lease,
                        first_attempt_at=first or now,
                    )
                )
                resumed = status == "publishing" or first is not None
                claims.append(Claim(item_id, org_id, attempts + 1, resumed, first or now))
        return claims

    # -- one post ---------------------------------------------------------------------

    def _save_progress(self, item_id: str, progress: dict[str, Any]) -> None:
        with self.database.session() as s:
            d = PublishDispatch
            result = s.execute(
                update(d)
                .where(d.queue_item_id == item_id, d.lease_owner == self.worker_id)
                .values(progress=progress, lease_expires_at=self.clock() + self.lease)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise LeaseLost(f"post {item_id} was taken over by another worker")

    def _refresh_if_expiring(self, org_id: str, item_id: str) -> None:
        if self.refresher is None:
            return
        revoked: str | None = None
        with self.database.session() as s:
            item = OrgScope(s, org_id).get(PublishQueueItem, item_id)
            account = s.get(SocialAccount, item.account_id or "")
            client = self.refresher.clients.get(account.platform) if account else None
            if account is None or client is None:
                return
            try:
                refresh_account(
                    account,
                    cipher=self.cipher,
                    client=client,
                    http_client=self.refresher.http_client,
                    provider=self.refresher.providers.get(account.platform),
                )
            except PolicyViolation as exc:
                revoked = exc.message
                account_id = account.id
        if revoked is not None:
            self._set_account(account_id, status="revoked", reason=revoked)
            raise PolicyViolation(revoked, fix="Reconnect the account.")

    def _prepare(self, claim: Claim) -> tuple[PostRequest, Any, dict[str, Any], str]:
        self._refresh_if_expiring(claim.org_id, claim.item_id)
        with self.database.session() as s:
            scope = OrgScope(s, claim.org_id)
            item = scope.get(PublishQueueItem, claim.item_id)
            dispatch = s.get(PublishDispatch, claim.item_id)
            assert dispatch is not None
            account = scope.get(SocialAccount, item.account_id or "")
            creds = credentials(account, cipher=self.cipher)
            content = dict(item.content or {})
            media = self.media_resolver(scope, list(item.media_asset_ids or []))
            post = PostRequest(
                item_id=item.id,
                idempotency_key=item.idempotency_key,
                platform=item.platform,
                kind=str(content.get("kind") or "post"),
                text=str(content.get("text") or ""),
                parts=list(content.get("parts") or []),
                title=content.get("title"),
                link=content.get("link"),
                media=media,
                disclosure=Disclosure(**(content.get("disclosure") or {})),
                options=dict(content.get("options") or {}),
            )
            if any(m.synthetic for m in media) and not post.disclosure.ai_generated:
                raise PolicyViolation(
                    "The post carries AI-generated or composited media without disclosure.",
                    fix="Reschedule it with disclosure.ai_generated=true.",
                )
            return post, creds, dict(dispatch.progress or {}), account.id

    def dispatch(self, claim: Claim) -> Outcome:
        """Publish (or reconcile) one claimed post and record the outcome."""
        account_id: str | None = None
        try:
            post, creds, progress, account_id = self._prepare(claim)
            publisher = self.publishers[post.platform]
            ctx = PublishContext(
                progress=progress,
                save=lambda p: self._save_progress(claim.item_id, p),
                since=claim.since,
                resumed=claim.resumed,
            )
            result = publisher.find_by_idempotency(creds, post, ctx) if claim.resumed else None
            if result is not None:
                return self._succeed(claim, result, reconciled=True)
            return self._succeed(claim, publisher.publish(post, creds, ctx), reconciled=False)
        except LeaseLost as exc:
            return Outcome(claim.item_id, "lost", exc.message)
        except AuthExpired as exc:
            return self._auth_expired(claim, account_id, exc)
        except AccountGone as exc:
            self._set_account(account_id, status="deleted", reason=exc.message)
            return self._fail(claim, f"The account no longer exists on the platform: {exc.message}")
        except ProviderError as exc:
            if exc.retryable:
                return self._retry(claim, exc, account_id)
            return self._fail(claim, exc.message, status_code=exc.status_code)
        except AgencyError as exc:
            return self._fail(claim, exc.message)
        except Exception as exc:  # an unexpected failure: retried like a transient one
            log.exception("publish_unexpected_error", item_id=claim.item_id)
            error = ProviderError(f"unexpected {type(exc).__name__}: {exc}", provider="dispatcher")
            return self._retry(claim, error, account_id)

    # -- outcomes ---------------------------------------------------------------------

    def _finish(self, claim: Claim, event: dict[str, Any], **queue_values: Any) -> bool:
        now = self.clock()
        q, d = PublishQueueItem, PublishDispatch
        with self.database.session() as s:
            dispatch = s.get(d, claim.item_id)
            history = [*(dispatch.history if dispatch else []), {"at": now.isoformat(), **event}]
            dispatch_values: dict[str, Any] = {
                "lease_owner": None,
                "lease_expires_at": None,
                "history": history[-50:],
            }
            if "next_attempt_at" in queue_values:
                dispatch_values["next_attempt_at"] = queue_values.pop("next_attempt_at")
            if "last_status_code" in queue_values:
                dispatch_values["last_status_code"] = queue_values.pop("last_status_code")
            fenced = s.execute(
                update(d)
                .where(d.queue_item_id == claim.item_id, d.lease_owner == self.worker_id)
                .values(**dispatch_values)
            )
            if fenced.rowcount != 1:  # type: ignore[attr-defined]
                return False  # the fenced update wrote nothing; another worker owns it
            s.execute(update(q).where(q.id == claim.item_id).values(**queue_values))
        return True

    def _succeed(self, claim: Claim, result: PublishResult, *, reconciled: bool) -> Outcome:
        event = {"event": "published", "post_id": result.platform_post_id, "reconciled": reconciled}
        done = self._finish(
            claim,
            event,
            status="published",
            platform_post_id=result.platform_post_id,
            platform_url=result.url,
            published_at=self.clock(),
            error=None,
        )
        status = "published" if done else "lost"
        return Outcome(claim.item_id, status, result.platform_post_id, reconciled)

    def _fail(self, claim: Claim, message: str, *, status_code: int | None = None) -> Outcome:
        event = {"event": "failed", "message": message, "status_code": status_code}
        self._finish(claim, event, status="failed", error=message, last_status_code=status_code)
        return Outcome(claim.item_id, "failed", message)

    def _retry(self, claim: Claim, exc: ProviderError, account_id: str | None) -> Outcome:
        if claim.attempt >= self.max_attempts:
            return self._fail(
                claim,
                f"Gave up after {claim.attempt} attempts: {exc.message}",
                status_code=exc.status_code,
            )
        delay = self.retry.delay(claim.attempt, exc)
        now = self.clock()
        if exc.status_code == 429 and account_id:
            pause = now + timedelta(seconds=exc.retry_after or delay)
            self._set_account(account_id, rate_limited_until=pause)
        event = {"event": "retry", "message": exc.message, "delay_s": round(delay, 3)}
        self._finish(
            claim,
            event,
            status="retrying",
            error=exc.message,
            next_attempt_at=now + timedelta(seconds=delay),
            last_status_code=exc.status_code,
        )
        return Outcome(claim.item_id, "retrying", exc.message)

    def _auth_expired(self, claim: Claim, account_id: str | None, exc: AuthExpired) -> Outcome:
        if self.refresher is not None and account_id:
            try:
                with self.database.session() as s:
                    account = s.get(SocialAccount, account_id)
                    assert account is not None
                    client = self.refresher.clients.get(account.platform)
                    if client is not None and refresh_account(
                        account,
                        cipher=self.cipher,
                        client=client,
                        http_client=self.refresher.http_client,
                        provider=self.refresher.providers.get(account.platform),
                        force=True,
                    ):
                        retry = ProviderError(
                            "token refreshed", provider=exc.provider, retryable=True
                        )
                        retry.retry_after = 0.0
                        return self._retry(claim, retry, None)
            except AgencyError as refresh_error:
                log.warning("token_refresh_failed", account_id=account_id, error=str(refresh_error))
        self._set_account(account_id, status="revoked", reason=exc.message)
        return self._fail(
            claim,
            f"{exc.message} Reconnect the account to publish.",
            status_code=exc.status_code,
        )

    def _set_account(self, account_id: str | None, **values: Any) -> None:
        if not account_id:
            return
        if "reason" in values:
            values["status_reason"] = values.pop("reason")
        with self.database.session() as s:
            s.execute(update(SocialAccount).where(SocialAccount.id == account_id).values(**values))

    # -- loops ------------------------------------------------------------------------

    def run_once(self) -> list[Outcome]:
        """Claim and dispatch one batch; empty when nothing was due."""
        return [self.dispatch(claim) for claim in self.claim()]

    def run(self, stop: threading.Event | None = None, *, idle_s: float = 0.2) -> None:
        """Dispatch until ``stop`` is set; first makes this worker's stale leases reclaimable."""
        stop = stop or threading.Event()
        self.release_own_leases()
        while not stop.is_set():
            if not self.run_once():
                stop.wait(idle_s)

    def drain(self, *, max_passes: int = 10_000) -> list[Outcome]:
        """Dispatch until nothing is due now (tests, ``publish_now``)."""
        outcomes: list[Outcome] = []
        for _ in range(max_passes):
            batch = self.run_once()
            if not batch:
                break
            outcomes.extend(batch)
        return outcomes
