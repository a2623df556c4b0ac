"""Gunicorn, the production web server (`gunicorn ort_portal.wsgi`, read from this folder).

Environment: PORT (default 8000), WEB_CONCURRENCY (worker processes, default 2 per core + 1),
FORWARDED_ALLOW_IPS (addresses of the reverse proxy, default 127.0.0.1).
"""

import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# A convention PDF can take several seconds to render.
timeout = 120
graceful_timeout = 30
# Recycle workers now and then: WeasyPrint's memory grows with large documents.
max_requests = 1000
max_requests_jitter = 100
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Requests are logged by the portal itself (ort_portal.requests, with request id and user);
# gunicorn's own messages go to stdout as JSON lines too.
accesslog = None
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["asctime", "levelname", "name", "message"],
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
