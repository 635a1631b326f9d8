"""Connected social accounts: OAuth 2 connect flows and tokens encrypted at rest.

Connect an account::

    cipher = TokenCipher.from_settings(settings)
    client = OAuthClient(client_id, Secret(client_secret), redirect_uri)
    request = start_connect(scope, platform="x", client=client, cipher=cipher,
                            timezone="Europe/Berlin")      # send the user to request.url
    account = complete_connect(scope, state=state, code=code, client=client,
                               cipher=cipher, http_client=httpx.Client())
"""

from agency.distribution.accounts.crypto import Secret, TokenCipher
from agency.distribution.accounts.identity import API_BASES, Identity, identify_account
from agency.distribution.accounts.oauth import (
    PROVIDERS,
    AuthorizationRequest,
    OAuthClient,
    OAuthProvider,
    TokenSet,
    authorization_request,
    exchange_code,
    oauth_provider,
    refresh_tokens,
)
from agency.distribution.accounts.service import (
    Credentials,
    as_utc,
    check_timezone,
    complete_connect,
    credentials,
    disconnect_account,
    find_account,
    get_account,
    list_accounts,
    refresh_account,
    require_active,
    save_account,
    set_account_status,
    start_connect,
)

__all__ = [
    "API_BASES",
    "PROVIDERS",
    "AuthorizationRequest",
    "Credentials",
    "Identity",
    "OAuthClient",
    "OAuthProvider",
    "Secret",
    "TokenCipher",
    "TokenSet",
    "as_utc",
    "authorization_request",
    "check_timezone",
    "complete_connect",
    "credentials",
    "disconnect_account",
    "exchange_code",
    "find_account",
    "get_account",
    "identify_account",
    "list_accounts",
    "oauth_provider",
    "refresh_account",
    "refresh_tokens",
    "require_active",
    "save_account",
    "set_account_status",
    "start_connect",
]
