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
            self.signed_versions,
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
        """« Préparer le PDF » de la convention, rendu par un worker, puis téléchargé"""
        from django_tasks_db.models import DBTaskResult
        from pypdf import PdfReader

        from conventions.models import Convention

        convention = Convention.objects.filter(title__contains=CONVENTION).first()
        page = self.client.get(f"/conventions/{convention.pk}/")
        form = re.search(
            r'<form method="post" action="(/conventions/\d+/pdf/)">'
            r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">',
            page.text,
        )
        if not self.check("bouton « Préparer le PDF » sur la page", form is not None):
            return
        response = self.client.post(form.group(1), {"csrfmiddlewaretoken": form.group(2)})
        document_url = response.headers.get("Location", "")
        if not self.check(
            "redirection vers la page du document",
            response.status == 302 and re.fullmatch(r"/documents/\d+/", document_url),
            document_url,
        ):
            return
        deadline, link = time.monotonic() + 180, None
        while time.monotonic() < deadline and link is None:
            page = self.client.get(document_url).text
            link = re.search(r'href="(/documents/\d+/telecharger/)">Télécharger le PDF \(', page)
            if "Échec de la préparation" in page:
                break
            time.sleep(0.5)
        if not self.check("document prêt, page interrogée jusqu’au lien", link is not None):
            return
        task = DBTaskResult.objects.filter(
            task_path="documents.tasks.render_document",
            args_kwargs__args=[int(document_url.split("/")[2])],
        ).first()
        self.check(
            "rendu par un worker de la pile, pas par gunicorn",
            task is not None and task.worker_ids and task.worker_ids[0].startswith("prod-check-"),
            task and f"{task.status} {task.worker_ids}",
        )
        download = self.client.get(link.group(1))
        text = ""
        if download.body.startswith(b"%PDF-"):
            reader = PdfReader(io.BytesIO(download.body))
            text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        self.check(
            "PDF téléchargé portant la référence de la convention",
            download.headers["Content-Type"] == "application/pdf" and convention.reference in text,
            f"{len(download.body)} octets",
        )

    def signed_versions(self):
        """PDF/A des versions signées du chargement de démonstration, rendus par les workers"""
        from signatures.models import SignedVersion

        deadline = time.monotonic() + 180
        waiting = SignedVersion.objects.filter(archive__isnull=True)
        while waiting.exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        count = SignedVersion.objects.count()
        self.check(
            "chaque version gelée a son PDF/A",
            count and not waiting.exists(),
            f"{count} version(s)",
        )

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
