"""One log line per request, and a request id on every line logged while serving it.

The id comes from the reverse proxy's X-Request-ID header when it sends a sane one (so that
its access log and ours match), otherwise it is drawn here; the response carries it back, so a
user reporting a problem can quote it.
"""

import contextvars
import logging
import re
import time
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)
logger = logging.getLogger("ort_portal.requests")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` (None outside a request) to every record; Django's own request log
    ("Not Found: …") is written after the middleware returned, and names its request."""

    def filter(self, record):
        request = getattr(record, "request", None)
        record.request_id = request_id_var.get() or getattr(request, "id", None)
        return True


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request.id = incoming if _SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request.id
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": _user_id(request),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


def _user_id(request):
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None
