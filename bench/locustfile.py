"""The load of bench_scale.py: chefs de projet reading and editing their plan, comité
members reading. Sessions are opened beforehand (BENCH_SESSIONS, a JSON file)."""

import json
import os
import random
import re

from locust import HttpUser, between, task

SESSIONS = json.loads(open(os.environ["BENCH_SESSIONS"]).read())  # noqa: SIM115
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
MATURITIES = ["en_cours", "projetee", "en_reflexion", "en_maturation"]


class Reader(HttpUser):
    weight = 1
    wait_time = between(1, 3)
    kind = "readers"

    def on_start(self):
        self.session = random.choice(SESSIONS[self.kind])
        self.client.cookies.set("sessionid", self.session["cookie"])

    def convention(self):
        return random.choice(self.session["conventions"])

    @task(2)
    def home(self):
        self.client.get("/", name="/")

    @task(3)
    def convention_page(self):
        self.client.get(f"/conventions/{self.convention()}/", name="/conventions/[id]/")

    @task(3)
    def plan(self):
        self.client.get(f"/conventions/{self.convention()}/plan-action/", name="plan")

    @task(2)
    def dashboard(self):
        self.client.get(f"/conventions/{self.convention()}/tableau-de-bord/", name="dashboard")

    @task(1)
    def committees(self):
        self.client.get("/comites/", name="/comites/")


class ChefDeProjet(Reader):
    weight = 3
    kind = "chefs"

    @task(2)
    def financial_model(self):
        self.client.get(f"/conventions/{self.convention()}/maquette-financiere/", name="maquette")

    @task(2)
    def fiche(self):
        self.client.get(f"/actions/{random.choice(self.session['actions'])}/", name="fiche")

    @task(1)
    def change_maturity(self):
        """An edit: the maturity form, sent back with another maturity."""
        url = f"/actions/{random.choice(self.session['actions'])}/maturite/"
        form = self.client.get(url, name="maturité (formulaire)")
        token, version = TOKEN.search(form.text), VERSION.search(form.text)
        if not token or not version:
            return
        data = {
            "csrfmiddlewaretoken": token.group(1),
            "version": version.group(1),
            "maturity": random.choice(MATURITIES),
        }
        with self.client.post(url, data, name="maturité (envoi)", catch_response=True) as sent:
            if sent.status_code in (200, 302, 409):
                sent.success()
