"""The load balancer's health endpoint: one word for the public, details for superusers."""

import datetime
import logging

import pytest
from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from health_check.checks import Database
from health_check.exceptions import ServiceUnavailable

from tests.factories import UserFactory


@task()
def noop():
    return None


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }


# The checks run in threads of their own, which see committed rows only.
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_healthy_portal_answers_ok_without_details(client):
    response = client.get("/sante/", headers={"Accept": "application/json"})

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


def test_an_unreachable_database_takes_the_process_out_without_saying_why(
    client, monkeypatch, caplog
):
    def unreachable(check):
        raise ServiceUnavailable("connection to server at 10.0.0.7 failed")

    monkeypatch.setattr(Database, "run", unreachable)
    response = client.get("/sante/")

    assert response.status_code == 503
    assert response.content == b"indisponible\n"
    assert any(
        record.levelno == logging.ERROR and "10.0.0.7" in record.getMessage()
        for record in caplog.records
    )


def test_a_task_waiting_for_a_worker_is_reported_but_keeps_the_web_process_in(
    client, database_queue, caplog
):
    result = noop.enqueue()
    DBTaskResult.objects.filter(id=result.id).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=30)
    )

    response = client.get("/sante/")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert any(
        record.levelno == logging.ERROR and "waited more than" in record.getMessage()
        for record in caplog.records
    )


def test_a_recent_or_deferred_task_is_no_alarm(client, database_queue, caplog):
    noop.enqueue()
    deferred = noop.using(run_after=timezone.now() + datetime.timedelta(hours=1)).enqueue()
    DBTaskResult.objects.filter(id=deferred.id).update(
        enqueued_at=timezone.now() - datetime.timedelta(days=1)
    )

    assert client.get("/sante/").status_code == 200
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_a_superuser_sees_each_check(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/sante/", headers={"Accept": "application/json"})

    assert response.status_code == 200
    checks = response.json()
    assert set(checks.values()) == {"OK"}
    assert any(name.startswith("Database") for name in checks)
    assert any(name.startswith("TaskQueue") for name in checks)
    assert sum(name.startswith("Disk") for name in checks) == 2


def test_a_superuser_in_a_browser_reads_the_checks_as_a_page(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/sante/", headers={"Accept": "text/html"})

    assert response.status_code == 200
    assert "text/html" in response["Content-Type"]
    page = response.content.decode()
    assert "<h1>État du service</h1>" in page
    assert "Toutes les vérifications réussissent." in page
    assert "Database" in page and "TaskQueue" in page


def test_a_signed_in_agent_gets_the_public_answer(client):
    client.force_login(UserFactory())

    assert client.get("/sante/").content == b"ok\n"
