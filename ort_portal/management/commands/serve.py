"""Development server: runserver, plus a task worker when tasks are queued in the database."""

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.tasks import task_backends
from django_tasks_db import DatabaseBackend


class Command(BaseCommand):
    help = (
        "Sert le portail en développement (runserver) et, quand les tâches passent par la "
        "base de données, lance aussi un worker ; Ctrl-C arrête les deux."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *, addrport, **options):
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        commands = [[*manage, "runserver", addrport]]
        if isinstance(task_backends["default"], DatabaseBackend):
            commands.append([*manage, "db_worker", "--queue-name", "*"])
        # A supervisor's SIGTERM stops the children as Ctrl-C does.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        processes = [subprocess.Popen(command) for command in commands]
        try:
            # Ctrl-C reaches the children too (same process group); a child that stops on
            # its own stops the others.
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop(processes)


def stop(processes):
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
