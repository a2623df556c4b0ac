"""A ProConnect stand-in on 127.0.0.1: discovery, authorize, token, userinfo (signed JWT, as
ProConnect answers), JWKS and end_session, with an RSA key drawn for the test run."""

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID, CLIENT_SECRET = "portail-ort-test", "secret-de-test"


@dataclass
class Agent:
    """The person who signs in at the provider."""

    email: str
    sub: str = field(default_factory=lambda: uuid.uuid4().hex)
    given_name: str = "Agathe"
    usual_name: str = "Préfète"
    siret: str | None = "13002603200016"


class Provider:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = uuid.uuid4().hex
        self.agent: Agent | None = None
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, Agent] = {}
        self.ended_sessions: list[dict] = []
        # Tampering, for the tests that the portal refuses it.
        self.userinfo_subject_override: str | None = None
        self.userinfo_key = None
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}/api/v2"

    def start(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def sign(self, claims, key=None):
        now = int(time.time())
        claims = {"iss": self.url, "aud": CLIENT_ID, "iat": now, "exp": now + 60, **claims}
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": self.kid})

    def jwks(self):
        jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def discovery(self):
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "end_session_endpoint": f"{self.url}/session/end",
            "userinfo_signing_alg_values_supported": ["RS256"],
        }

    def authorize(self, query):
        """The agent consents at once: back to the portal with a code."""
        code = uuid.uuid4().hex
        self.codes[code] = {"nonce": query["nonce"], "redirect_uri": query["redirect_uri"]}
        return f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"

    def token(self, form):
        grant = self.codes.pop(form.get("code"), None)
        if (
            grant is None
            or (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET)
            or form.get("redirect_uri") != grant["redirect_uri"]
        ):
            return None
        access_token = uuid.uuid4().hex
        self.tokens[access_token] = self.agent
        id_token = self.sign({"sub": self.agent.sub, "nonce": grant["nonce"], "acr": "eidas1"})
        return {"access_token": access_token, "id_token": id_token, "token_type": "Bearer"}

    def userinfo(self, authorization):
        agent = self.tokens.get(authorization.removeprefix("Bearer "))
        if agent is None:
            return None
        claims = {
            "sub": self.userinfo_subject_override or agent.sub,
            "email": agent.email,
            "given_name": agent.given_name,
            "usual_name": agent.usual_name,
        }
        if agent.siret:
            claims["siret"] = agent.siret
        return self.sign(claims, self.userinfo_key)

    def handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                url = urlsplit(self.path)
                query = {key: values[0] for key, values in parse_qs(url.query).items()}
                match url.path.removeprefix("/api/v2"):
                    case "/.well-known/openid-configuration":
                        self.reply(200, "application/json", json.dumps(provider.discovery()))
                    case "/jwks":
                        self.reply(200, "application/json", json.dumps(provider.jwks()))
                    case "/authorize":
                        self.send_response(302)
                        self.send_header("Location", provider.authorize(query))
                        self.end_headers()
                    case "/userinfo":
                        signed = provider.userinfo(self.headers.get("Authorization", ""))
                        if signed is None:
                            self.reply(401, "application/json", "{}")
                        else:
                            self.reply(200, "application/jwt; charset=utf-8", signed)
                    case "/session/end":
                        provider.ended_sessions.append(query)
                        self.reply(200, "text/plain", "ok")
                    case _:
                        self.reply(404, "text/plain", "")

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                answer = provider.token(form) if self.path.endswith("/token") else None
                if answer is None:
                    self.reply(400, "application/json", '{"error": "invalid_grant"}')
                else:
                    self.reply(200, "application/json", json.dumps(answer))

            def reply(self, status, content_type, body):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args):
                pass

        return Handler
