"""Load test of bench_scale.py: 40 chefs de projet reading and editing, 10 comité members
reading, against a server on 127.0.0.1 only. Sessions come from BENCH_SESSIONS (a JSON
file written by scale_sessions.py)."""

import itertools
import json
import os
import random
import re
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, between, task

SESSIONS = json.loads(Path(os.environ["BENCH_SESSIONS"]).read_text(encoding="utf-8"))
CHEFS = itertools.cycle([s for s in SESSIONS if s["role"] == "chef"])
READERS = itertools.cycle([s for s in SESSIONS if s["role"] == "reader"])
VERSION = re.compile(r'name="version" value="(\d+)"')
MATURITIES = ["en_cours", "projetee", "en_reflexion", "en_maturation"]


class Visitor(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)
    sessions = None

    def on_start(self):
        if urlsplit(self.host).hostname not in {"127.0.0.1", "localhost"}:
            raise RuntimeError("Le test de charge ne vise que 127.0.0.1.")
        self.session = next(self.sessions)
        self.client.cookies.set("sessionid", self.session["sessionid"])
        self.client.cookies.set("csrftoken", self.session["csrftoken"])

    def get(self, url, name):
        """A page read as the logged-in user: anything but a 200 is a failure (a redirect to
        the login page included)."""
        with self.client.get(
            url, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
        return response

    def action(self):
        return random.choice(self.session["actions"])

    @task(2)
    def home(self):
        self.get("/", "accueil")

    @task(2)
    def convention(self):
        self.get(f"/conventions/{self.session['convention']}/", "convention")

    @task(3)
    def plan(self):
        self.get(f"/conventions/{self.session['convention']}/plan-action/", "plan d’action")

    @task(3)
    def fiche(self):
        self.get(f"/actions/{self.action()}/", "fiche-action")

    @task(1)
    def dashboard(self):
        self.get(f"/conventions/{self.session['convention']}/tableau-de-bord/", "tableau de bord")

    @task(1)
    def history(self):
        self.get(f"/conventions/{self.session['convention']}/historique/", "historique")


class ChefDeProjet(Visitor):
    fixed_count = 40
    sessions = CHEFS

    @task(1)
    def maquette(self):
        self.get(
            f"/conventions/{self.session['convention']}/maquette-financiere/", "maquette financière"
        )

    @task(1)
    def fundings_form(self):
        self.get(f"/actions/{self.action()}/financements/", "formulaire des financements")

    @task(1)
    def committees(self):
        self.get("/comites/", "comités")

    @task(2)
    def change_maturity(self):
        action = self.action()
        url = f"/actions/{action}/maturite/"
        page = self.get(url, "maturité (formulaire)")
        found = VERSION.search(page.text or "")
        if not found:
            return
        with self.client.post(
            url,
            {"maturity": random.choice(MATURITIES), "version": found.group(1)},
            headers={
                "HX-Request": "true",
                "X-CSRFToken": self.session["csrftoken"],
                "Referer": f"{self.host}{url}",
            },
            name="maturité (enregistrement htmx)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")


class Reader(Visitor):
    fixed_count = 10
    sessions = READERS
