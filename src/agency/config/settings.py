"""Application settings.

Nothing is read at import time: :func:`get_settings` builds a fresh object, and
callers (CLI, API factory, tests) pass it down explicitly.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything configurable about one V3 installation."""

    model_config = SettingsConfigDict(
        env_prefix="AGENCY_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    data_dir: Path = Field(default=Path.home() / ".agency", description="Where files live.")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default is a SQLite file in data_dir."
    )
    workflow_database_url: str | None = Field(
        default=None,
        description="DBOS system database; default derives from database_url.",
    )
    log_level: str = "INFO"
    log_json: bool = False

    # URL safety: hosts and CIDRs that user-supplied URLs may reach although private.
    url_allowlist: str = ""

    # Crawler limits.
    crawl_max_pages: int = 25
    crawl_max_bytes: int = 5_000_000
    crawl_max_total_bytes: int = 30_000_000
    crawl_delay_s: float = 0.5
    crawl_timeout_s: float = 15.0
    crawl_user_agent: str = "V3AgencyBot/0.1 (+https://github.com/v3-agency)"

    # Asset store.
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    s3_access_key_id: SecretStr | None = None
    s3_secret_access_key: SecretStr | None = None
    s3_prefix: str = "assets/"

    # Publishing: the local platform servers instead of the real APIs (offline demo and
    # tests), where pulling platforms fetch media from, and OAuth apps per platform as
    # JSON: {"x": {"client_id": "…", "client_secret": "…", "redirect_uri": "…"}}.
    publish_sandbox_url: str | None = None
    public_media_base_url: str | None = None
    oauth_clients: dict[str, dict[str, str]] = Field(default_factory=dict)

    # Secret used to encrypt tokens at rest (Fernet key or passphrase).
    secret_key: SecretStr | None = None

    # Providers: vendor keys use the vendor's own variable names.
    text_provider: str | None = Field(default=None, description="Force a text provider by name.")
    image_provider: str | None = None
    video_provider: str | None = None
    voice_provider: str | None = None
    research_provider: str | None = None
    perplexity_base_url: str = "https://api.perplexity.ai"
    perplexity_model: str = "sonar-pro"
    local_text_model_path: Path | None = Field(
        default=None, description="GGUF for the offline writer; default data_dir/models/."
    )
    anthropic_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("ANTHROPIC_API_KEY", "AGENCY_ANTHROPIC_API_KEY")
    )
    anthropic_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("ANTHROPIC_BASE_URL", "AGENCY_ANTHROPIC_BASE_URL"),
    )
    anthropic_model: str = "claude-opus-5-5"
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "AGENCY_OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "AGENCY_OPENAI_BASE_URL")
    )
    openai_model: str = "gpt-4o"
    perplexity_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("PERPLEXITY_API_KEY", "AGENCY_PERPLEXITY_API_KEY"),
    )
    firecrawl_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("FIRECRAWL_API_KEY", "AGENCY_FIRECRAWL_API_KEY"),
    )
    firecrawl_base_url: str = "https://api.firecrawl.dev"
    bfl_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("BFL_API_KEY", "AGENCY_BFL_API_KEY")
    )
    runway_api_secret: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("RUNWAYML_API_SECRET", "AGENCY_RUNWAYML_API_SECRET"),
    )
    kling_access_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("KLING_ACCESS_KEY", "AGENCY_KLING_ACCESS_KEY"),
    )
    kling_secret_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("KLING_SECRET_KEY", "AGENCY_KLING_SECRET_KEY"),
    )
    elevenlabs_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("ELEVENLABS_API_KEY", "AGENCY_ELEVENLABS_API_KEY"),
    )
    provider_max_retries: int = 4
    provider_timeout_s: float = 120.0

    @field_validator("data_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @property
    def resolved_database_url(self) -> str:
        """The application database URL, defaulting to a SQLite file under data_dir."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'agency.sqlite').resolve()}"

    @property
    def resolved_workflow_database_url(self) -> str:
        """The DBOS system database URL (a separate SQLite file, or the same PostgreSQL)."""
        if self.workflow_database_url:
            return self.workflow_database_url
        url = self.resolved_database_url
        if url.startswith("sqlite"):
            return f"sqlite:///{(self.data_dir / 'workflows.sqlite').resolve()}"
        return url

    @property
    def assets_dir(self) -> Path:
        return self.data_dir / "assets"

    @property
    def allowlist_entries(self) -> list[str]:
        return [item.strip() for item in self.url_allowlist.split(",") if item.strip()]

    def ensure_dirs(self) -> None:
        """Create the data directory tree."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.assets_dir.mkdir(parents=True, exist_ok=True)


def get_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides on top."""
    return Settings(**overrides)  # type: ignore[arg-type]
