"""Production static files: hashed, compressed, served by WhiteNoise, DSFR kept intact."""

import base64
import hashlib
import shutil
from pathlib import Path

import dsfr
import pytest
from django.core.management import call_command
from django.test import Client
from dsfr.checksums import INTEGRITY_CSS

DSFR_CSS = Path(dsfr.__file__).parent / "static" / "dsfr" / "dist" / "dsfr" / "dsfr.min.css"


@pytest.fixture
def collected(settings, tmp_path):
    """`collectstatic` with the production storage, over DSFR's stylesheet and one of ours."""
    source = tmp_path / "source"
    (source / "dsfr" / "dist" / "dsfr").mkdir(parents=True)
    shutil.copy(DSFR_CSS, source / "dsfr" / "dist" / "dsfr" / "dsfr.min.css")
    (source / "ort_portal").mkdir()
    (source / "ort_portal" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (source / "ort_portal" / "portal.css").write_text(
        "header { background: url('logo.svg'); }\n" + "main { margin: 0 auto; }\n" * 100
    )
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "ort_portal.storage.StaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def test_our_stylesheets_get_hashed_names_and_point_at_hashed_files(collected):
    (css,) = (collected / "ort_portal").glob("portal.*.css")
    (logo,) = (collected / "ort_portal").glob("logo.*.svg")
    assert f'url("{logo.name}")' in css.read_text()
    assert css.with_name(css.name + ".br").exists() and css.with_name(css.name + ".gz").exists()


def test_dsfr_stylesheet_keeps_the_bytes_its_integrity_checksum_expects(collected):
    (css,) = (collected / "dsfr" / "dist" / "dsfr").glob("dsfr.min.*.css")
    digest = base64.b64encode(hashlib.sha384(css.read_bytes()).digest()).decode()
    assert f"sha384-{digest}" == INTEGRITY_CSS


def test_whitenoise_serves_hashed_files_compressed_and_cached_for_good(collected, settings):
    settings.MIDDLEWARE = [
        "whitenoise.middleware.WhiteNoiseMiddleware",
        *settings.MIDDLEWARE,
    ]
    (css,) = (collected / "ort_portal").glob("portal.*.css")

    response = Client().get(f"/static/ort_portal/{css.name}", headers={"Accept-Encoding": "br"})

    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]
