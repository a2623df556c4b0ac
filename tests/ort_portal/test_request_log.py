"""Production logs: one JSON line per request, with request id, user, path, status, timing."""

import copy
import io
import json
import logging
import logging.config

import pytest
from django.conf import settings

from ort_portal.request_log import RequestIdFilter
from tests.factories import UserFactory


@pytest.fixture
def json_log():
    """The production handler (JSON formatter, request id filter) on the request loggers."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    config = copy.deepcopy(settings.LOGGING)  # configuring a formatter consumes its "()"
    configurator = logging.config.DictConfigurator(config)
    handler.setFormatter(configurator.configure_formatter(config["formatters"]["json"]))
    loggers = [logging.getLogger("ort_portal.requests"), logging.getLogger("django.request")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.mark.django_db
def test_each_request_logs_one_json_line_with_its_id_user_and_timing(client, json_log):
    user = UserFactory()
    client.force_login(user)
    response = client.get("/conventions/")

    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    (line,) = json_log()
    assert line["logger"] == "ort_portal.requests"
    assert line["level"] == "INFO"
    assert line["request_id"] == request_id
    assert line["user_id"] == user.pk
    assert line["method"] == "GET"
    assert line["path"] == "/conventions/"
    assert line["status"] == 200
    assert line["duration_ms"] > 0
    assert line["time"]


@pytest.mark.django_db
def test_a_warning_during_the_request_carries_the_same_id(client, json_log):
    response = client.get("/page-inexistante/")

    request, not_found = sorted(json_log(), key=lambda line: line["logger"] == "django.request")
    assert not_found["logger"] == "django.request"
    assert not_found["message"] == "Not Found: /page-inexistante/"
    assert not_found["request_id"] == request["request_id"] == response["X-Request-ID"]
    assert request["status"] == 404
    assert request["user_id"] is None


@pytest.mark.django_db
def test_the_proxy_request_id_is_kept_when_sane_and_replaced_otherwise(client, json_log):
    kept = client.get("/connexion/", headers={"X-Request-ID": "lb-7f3a9c2e-0001"})
    replaced = client.get("/connexion/", headers={"X-Request-ID": "x\n{forged}"})

    assert kept["X-Request-ID"] == "lb-7f3a9c2e-0001"
    assert replaced["X-Request-ID"] != "x\n{forged}" and len(replaced["X-Request-ID"]) == 32
    assert [line["request_id"] for line in json_log()] == [
        "lb-7f3a9c2e-0001",
        replaced["X-Request-ID"],
    ]
