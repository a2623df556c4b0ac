"""The smoke test of `make prod-check`, run against the production stack it started.

HTTP goes through the standard library only, as a browser behind the TLS proxy would: cookies
kept by hand (they are Secure, and the loopback is plain HTTP), no redirect followed.
"""

import base64
import email
import hashlib
import io
import json
import re
import time
import urllib.error
import urllib.request
from email.header import decode_header, make_header
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

DEMO_USER, DEMO_PASSWORD = "cdp-libercourt", "portail-ort-demo"
CONVENTION = "Libercourt"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


class Client:
    def __init__(self, base_url):
        self.base_url = base_url
        self.origin = "https://" + urlsplit(base_url).netloc
        self.cookies: dict[str, str] = {}
        self.set_cookie_headers: list[str] = []
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, method, path, *, data=None, headers=None, proxied=True):
        headers = dict(headers or {})
        if proxied:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers |= {"Origin": self.origin, "Referer": self.origin + path}
        request = urllib.request.Request(self.base_url + path, body, headers, method=method)
        try:
            response = self.opener.open(request, timeout=120)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                self.set_cookie_headers.append(header)
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return Response(response.status, response.headers, response.read())

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, data=data, **kwargs)


class Smoke:
    def __init__(self, base_url, logs: Path):
        self.client = Client(base_url)
        self.base_url = base_url
        self.logs = logs
        self.failures = 0

    def check(self, label, condition, detail=""):
        print(f"  {'ok ' if condition else 'ÉCHEC'} {label}{f' — {detail}' if detail else ''}")
        self.failures += not condition
        return condition

    def run(self) -> bool:
        steps = [
            self.health,
            self.https_only,
            self.login,
            self.page_and_log,
            self.static_files,
            self.pdf_through_queue,
            self.reminders,
            self.logout,
        ]
        for step in steps:
            print(f"- {step.__doc__}")
            try:
                step()
            except Exception as error:  # a failed step is reported, the others still run
                self.check("sans erreur", False, repr(error))
        if self.failures:
            for log in sorted(self.logs.glob("*.log")):
                print(f"== {log.name} (fin)\n" + "\n".join(log.read_text().splitlines()[-15:]))
        return not self.failures

    def health(self):
        """Point de santé (répartiteur de charge)"""
        deadline = time.monotonic() + 90
        response = None
        while time.monotonic() < deadline:
            try:
                response = self.client.get("/sante/", proxied=False)
                if response.status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        self.check("200 « ok » sans détail", response and response.text == "ok\n")

    def https_only(self):
        """HTTPS imposé hors du proxy"""
        response = self.client.get("/connexion/", proxied=False)
        location = response.headers.get("Location", "")
        self.check("redirection vers https", response.status == 301, location)
        hsts = self.client.get("/connexion/").headers["Strict-Transport-Security"] or ""
        self.check("HSTS", "max-age=" in hsts, hsts)

    def login(self):
        """Connexion d’un chef de projet"""
        page = self.client.get("/connexion/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = self.client.post(
            "/connexion/",
            {"csrfmiddlewaretoken": token, "username": DEMO_USER, "password": DEMO_PASSWORD},
        )
        self.check("redirection vers l’accueil", response.status == 302)
        session = [h for h in self.client.set_cookie_headers if h.startswith("sessionid=")]
        self.check(
            "cookie de session Secure et HttpOnly",
            session and "Secure" in session[-1] and "HttpOnly" in session[-1],
        )

    def page_and_log(self):
        """Une page, et sa ligne de journal JSON"""
        response = self.client.get("/")
        self.home = response.text
        self.check("« Mes conventions » affiche Libercourt", CONVENTION in self.home)
        request_id = response.headers["X-Request-ID"]
        lines = [
            json.loads(line)
            for line in (self.logs / "web.log").read_text().splitlines()
            if line.startswith("{")
        ]
        line = next((line for line in lines if line.get("request_id") == request_id), None)
        self.check(
            "journal : identifiant de requête, utilisateur, chemin, statut, durée",
            line is not None
            and line["user_id"]
            and (line["path"], line["status"]) == ("/", 200)
            and line["duration_ms"] > 0,
            json.dumps(line, ensure_ascii=False),
        )

    def static_files(self):
        """Fichiers statiques servis par WhiteNoise"""
        portal_css = re.search(r'href="(/static/ort_portal/portal\.[0-9a-f]{12}\.css)"', self.home)
        if self.check("nom haché dans la page", portal_css is not None):
            response = self.client.get(portal_css.group(1), headers={"Accept-Encoding": "br"})
            self.check(
                "compressé (brotli) et en cache un an",
                response.status == 200
                and response.headers["Content-Encoding"] == "br"
                and "immutable" in response.headers["Cache-Control"],
            )
        dsfr = re.search(r'href="(/static/dsfr/[^"]+\.css)"\s+integrity="([^"]+)"', self.home)
        if self.check("feuille DSFR avec son empreinte d’intégrité", dsfr is not None):
            body = self.client.get(dsfr.group(1)).body
            digest = "sha384-" + base64.b64encode(hashlib.sha384(body).digest()).decode()
            self.check("empreinte conforme au fichier servi", digest == dsfr.group(2))

    def pdf_through_queue(self):
        """PDF de convention rendu par un worker (file de tâches PostgreSQL)"""
        from conventions.models import Convention
        from deploy.smoke_tasks import render_convention_pdf

        convention = Convention.objects.filter(title__contains=CONVENTION).first()
        result = render_convention_pdf.enqueue(convention.pk)
        finished = self.wait_for(result)
        self.check(
            "tâche réussie, par un worker de la pile",
            finished.status == "SUCCESSFUL" and finished.worker_ids[0].startswith("prod-check-"),
            f"{finished.status} {finished.worker_ids}",
        )
        if finished.status == "SUCCESSFUL":
            value = finished.return_value
            self.check("document PDF", value["header"] == "%PDF-", f"{value['bytes']} octets")

    def reminders(self):
        """Rappels quotidiens envoyés par les workers (courriels sur la console)"""
        from django.core.management import call_command
        from django_tasks_db.models import DBTaskResult

        call_command("send_reminders", stdout=io.StringIO())
        deadline = time.monotonic() + 180
        queued = DBTaskResult.objects.filter(queue_name="notifications")
        while queued.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists():
            if time.monotonic() > deadline:
                break
            time.sleep(0.5)
        self.check("tâches réussies", not queued.exclude(status="SUCCESSFUL").exists())
        messages = [
            email.message_from_string(chunk)
            for log in self.logs.glob("worker-*.log")
            for chunk in log.read_text().split("-" * 79)
            if "Subject: [Portail ORT]" in chunk
        ]
        self.check(
            "courriel affiché par le backend console", bool(messages), f"{len(messages)} envoyé(s)"
        )
        if messages:
            body = messages[0].get_payload(decode=True).decode()
            link = re.search(r"Pour voir la page : (\S+)", body)
            self.check(
                "texte français et lien absolu vers la page",
                body.startswith("Bonjour")
                and link
                and link.group(1).startswith(self.client.origin),
                f"{make_header(decode_header(messages[0]['Subject']))} → {link and link.group(1)}",
            )

    def logout(self):
        """Déconnexion"""
        page = self.client.get("/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = self.client.post("/deconnexion/", {"csrfmiddlewaretoken": token})
        self.check("redirection", response.status == 302)
        self.check("page protégée refusée ensuite", self.client.get("/").status == 302)

    @staticmethod
    def wait_for(result, timeout=180):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result.refresh()
            if result.is_finished:
                break
            time.sleep(0.5)
        return result
