"""A minimal OpenID Connect provider on 127.0.0.1 for browser tests of st.login (RECIPES.md).

Discovery, /auth (redirects straight back with a code), /token (an RS256 ID token signed with authlib.jose,
echoing the nonce), /jwks and /logout. Each client id is one test person: CLIENTS maps it to an e-mail.
"""

import base64
import json
import threading
import time
import uuid
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

from authlib.jose import JsonWebKey, jwt

KEY = JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": "test"})


class _Handler(BaseHTTPRequestHandler):
    clients: dict[str, str] = {}
    codes: dict[str, tuple[str, str]] = {}

    def log_message(self, *args):  # keep test output quiet
        pass

    def _json(self, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.end_headers()

    def do_GET(self):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        base = f"http://127.0.0.1:{self.server.server_port}"
        if url.path == "/.well-known/openid-configuration":
            self._json({"issuer": base, "authorization_endpoint": f"{base}/auth", "token_endpoint": f"{base}/token",
                        "jwks_uri": f"{base}/jwks", "end_session_endpoint": f"{base}/logout",
                        "response_types_supported": ["code"], "subject_types_supported": ["public"],
                        "id_token_signing_alg_values_supported": ["RS256"]})
        elif url.path == "/auth":
            code = uuid.uuid4().hex
            self.codes[code] = (q["client_id"], q.get("nonce", ""))
            self._redirect(f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q.get('state', '')})}")
        elif url.path == "/jwks":
            self._json({"keys": [KEY.as_dict(is_private=False)]})
        elif url.path == "/logout":
            target = q.get("post_logout_redirect_uri")
            if target:
                self._redirect(target)
            else:
                self._json({"ok": True})
        else:
            self.send_error(404)

    def do_POST(self):
        body = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()}
        client_id = body.get("client_id")
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            client_id = base64.b64decode(auth[6:]).decode().split(":", 1)[0]
        code_client, nonce = self.codes.pop(body["code"])
        assert code_client == client_id
        now = int(time.time())
        person = self.clients[client_id]
        person = person if isinstance(person, dict) else {"email": person}
        email = person.get("email", "")
        claims = {"iss": f"http://127.0.0.1:{self.server.server_port}", "aud": client_id, "sub": email,
                  "email": email, "name": email.split("@")[0], "iat": now, "exp": now + 3600, "nonce": nonce,
                  **person}
        token = jwt.encode({"alg": "RS256", "kid": "test"}, claims, KEY).decode()
        self._json({"access_token": uuid.uuid4().hex, "token_type": "Bearer", "expires_in": 3600, "id_token": token})


@contextmanager
def oidc_provider(clients: dict[str, str | dict]):
    """Run the provider; `clients` maps client id -> the e-mail of the person who signs in with it, or the claims
    that differ from the defaults (e.g. {"email": …, "email_verified": False, "sub": …})."""
    handler = type("Handler", (_Handler,), {"clients": clients, "codes": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
