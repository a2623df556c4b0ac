"""From the home page, every link a demo role can follow answers below 500 (a bounded
crawl: MAX_PAGES per role, at most MAX_VARIANTS query strings per path)."""

import re
from collections import Counter, deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.a11y.scene import complete_demo

pytestmark = pytest.mark.django_db

ROLES = ["admin", "cdp-libercourt", "cdp-lens-lievin", "copil-libercourt"]
MAX_PAGES = 250
MAX_VARIANTS = 2
HREF = re.compile(r'<a\b[^>]*\bhref="([^"#][^"]*)"')


def links(html):
    for href in HREF.findall(html):
        url, _ = urldefrag(href.replace("&amp;", "&"))
        parts = urlsplit(url)
        internal = not parts.scheme and not parts.netloc and url.startswith("/")
        if internal and not url.startswith(("/admin/", "/static/")):
            yield url


def crawl(client):
    seen, queue, variants = {"/"}, deque(["/"]), Counter()
    errors, visited = [], 0
    while queue and visited < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        visited += 1
        if response.status_code >= 500:
            errors.append(f"{url}: {response.status_code}")
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in links(response.content.decode()):
            path = urlsplit(link).path
            if link in seen or variants[path] >= MAX_VARIANTS:
                continue
            seen.add(link)
            variants[path] += 1
            queue.append(link)
    return visited, errors


@pytest.mark.parametrize("username", ROLES)
def test_every_reachable_link_answers_below_500(demo, username):
    complete_demo()
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username=username))
    visited, errors = crawl(client)
    print(f"crawl {username}: {visited} pages")
    assert visited > 10
    assert not errors, "\n".join(errors)
