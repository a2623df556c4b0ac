"""Production settings, read from the environment by a fresh process."""

import json
import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-like-key-of-sixty-characters-with-many-different-ones",
    "ALLOWED_HOSTS": "portail-ort.example.gouv.fr",
    "DATABASE_URL": "postgres://portail@127.0.0.1:5432/portail",
    "EMAIL_HOST": "smtp.example.gouv.fr",
}


def run(args, **env):
    # Browser tests allow async-unsafe calls in this process; a deployment never does.
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environ.update(env, DJANGO_SETTINGS_MODULE="ort_portal.settings")
    return subprocess.run(
        [sys.executable, *args], env=environ, capture_output=True, text=True, cwd=settings.BASE_DIR
    )


def test_production_environment_passes_the_deployment_checklist():
    checked = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert checked.returncode == 0, checked.stderr
    assert "no issues" in checked.stdout


def test_reverse_proxy_headers_are_trusted_only_when_named():
    code = (
        "import json; from django.conf import settings as s; print(json.dumps("
        "[getattr(s, 'SECURE_PROXY_SSL_HEADER', None), s.USE_X_FORWARDED_HOST,"
        " s.CSRF_TRUSTED_ORIGINS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE]))"
    )
    behind_proxy = run(
        ["-c", code],
        **PRODUCTION,
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        USE_X_FORWARDED_HOST="1",
        CSRF_TRUSTED_ORIGINS="https://portail-ort.example.gouv.fr",
    )
    development = run(["-c", code])

    assert json.loads(behind_proxy.stdout) == [
        ["HTTP_X_FORWARDED_PROTO", "https"],
        True,
        ["https://portail-ort.example.gouv.fr"],
        True,
        True,
    ]
    assert json.loads(development.stdout) == [None, False, [], False, False]


def test_production_refuses_to_start_with_the_development_key():
    started = run(["manage.py", "check"], **{**PRODUCTION, "SECRET_KEY": ""})

    assert started.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in started.stderr


def test_error_reporting_is_on_only_with_a_sentry_dsn():
    code = (
        "import django, sentry_sdk; django.setup();"
        " print(sentry_sdk.get_client().is_active(), sentry_sdk.get_client().options['dsn'])"
    )
    dsn = "https://public-key@127.0.0.1:9/42"

    assert run(["-c", code], SENTRY_DSN=dsn).stdout.split() == ["True", dsn]
    assert run(["-c", code]).stdout.split() == ["False", "None"]
