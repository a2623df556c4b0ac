"""The task queue: which backend the environment selects, and the database worker."""

import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from ort_portal.management.commands.serve import Command as ServeCommand

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
IMMEDIATE_BACKEND = "django.tasks.backends.immediate.ImmediateBackend"


@task(queue_name="pdf")
def multiply(a, b):
    return a * b


def configured_backend(**env):
    """The task backend that a fresh process reads from the given environment."""
    environ = {key: value for key, value in os.environ.items() if key != "TASKS_BACKEND"}
    environ.pop("DATABASE_URL", None)
    environ.update(env, DJANGO_SETTINGS_MODULE="ort_portal.settings")
    code = "import json; from django.conf import settings; print(json.dumps(settings.TASKS))"
    output = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output)["default"]["BACKEND"]


def test_postgresql_queues_tasks_in_the_database_and_sqlite_runs_them_at_once():
    assert configured_backend(DATABASE_URL="postgres://u@127.0.0.1/x") == DATABASE_BACKEND
    assert configured_backend(DATABASE_URL="sqlite:////tmp/x.sqlite3") == IMMEDIATE_BACKEND
    assert configured_backend() == IMMEDIATE_BACKEND
    assert configured_backend(TASKS_BACKEND="database") == DATABASE_BACKEND


def test_an_unknown_backend_name_stops_the_start():
    with pytest.raises(subprocess.CalledProcessError) as error:
        configured_backend(TASKS_BACKEND="redis")
    assert "TASKS_BACKEND must be one of database, immediate" in error.value.stderr


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND, "QUEUES": settings.TASK_QUEUES}}


def run_worker():
    call_command("db_worker", "--queue-name", "*", batch=True, reload=False, verbosity=0)


# The worker commits each task it claims, as in production: no test transaction around it.
@pytest.mark.django_db(transaction=True)
def test_a_queued_task_waits_for_the_worker_then_runs_once(database_queue):
    result = multiply.enqueue(6, 7)
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.READY

    run_worker()
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 42
    assert result.worker_ids and len(result.worker_ids) == 1

    run_worker()
    assert DBTaskResult.objects.get(id=result.id).worker_ids == result.worker_ids


@pytest.mark.django_db
def test_tests_and_sqlite_run_a_task_in_the_calling_process():
    result = multiply.enqueue(2, 3)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 6
    assert not DBTaskResult.objects.exists()


def test_make_run_starts_a_worker_only_beside_a_database_queue(settings, monkeypatch):
    started = []

    class FinishedProcess:
        def __init__(self, command):
            started.append(command[2:])

        def poll(self):
            return 0

        def wait(self, timeout):
            return 0

    monkeypatch.setattr("subprocess.Popen", FinishedProcess)
    ServeCommand().handle(addrport="127.0.0.1:8011")
    assert started == [["runserver", "127.0.0.1:8011"]]

    started.clear()
    settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND, "QUEUES": settings.TASK_QUEUES}}
    ServeCommand().handle(addrport="127.0.0.1:8011")
    assert started == [["runserver", "127.0.0.1:8011"], ["db_worker", "--queue-name", "*"]]
