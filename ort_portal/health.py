"""The health endpoint probed by the load balancer.

The public answer is one word and a status code: 503 when this web process cannot serve
(database unreachable, task queue unusable), 200 otherwise. A warning (a task waiting for a
worker too long, a disk nearly full) keeps 200, since taking every web process out of the
load balancer would not help, but is logged at ERROR for the operators' alerting. The checks'
details (names, hosts, messages) are shown to superusers only.
"""

import dataclasses
import datetime
import logging
import tempfile

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Q
from django.http import HttpResponse
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.utils import timezone
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max
from health_check.base import HealthCheck
from health_check.checks import Database
from health_check.contrib.psutil import Disk
from health_check.exceptions import ServiceUnavailable, ServiceWarning
from health_check.views import HealthCheckView

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The queue can be read, and no task has waited more than `max_wait` for a worker."""

    max_wait: datetime.timedelta = dataclasses.field(
        default=datetime.timedelta(minutes=10), repr=False
    )

    def run(self):
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        if not isinstance(backend, DatabaseBackend):
            return  # Tasks run in the web process itself.
        since = timezone.now() - self.max_wait
        try:
            # Runnable since its enqueueing, or since its run_after when it has one.
            stalled = (
                DBTaskResult.objects.ready()
                .filter(backend_name=backend.alias, enqueued_at__lt=since)
                .filter(Q(run_after=get_date_max()) | Q(run_after__lt=since))
                .exists()
            )
        except DatabaseError as error:
            raise ServiceUnavailable("Task queue unreadable") from error
        finally:
            connections.close_all()  # this thread's connections only
        if stalled:
            raise ServiceWarning(f"A task has waited more than {self.max_wait} for a worker")


class HealthView(HealthCheckView):
    checks = (
        Database,
        TaskQueue,
        (Disk, {"path": str(settings.BASE_DIR)}),
        (Disk, {"path": tempfile.gettempdir()}),
    )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": "État du service"}

    async def get(self, request, *args, **kwargs):
        detailed = await super().get(request, *args, **kwargs)
        failures = [result for result in self.results if result.error]
        for result in failures:
            logger.error("Health check %r: %s", result.check, result.error)
        if (await request.auser()).is_superuser:
            return detailed
        serving = all(isinstance(result.error, ServiceWarning) for result in failures)
        return HttpResponse(
            "ok\n" if serving else "indisponible\n",
            status=200 if serving else 503,
            content_type="text/plain; charset=utf-8",
        )
