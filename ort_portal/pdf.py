"""PDF rendering of the portal (conventions, relevés de décisions, maquettes, tableaux de bord).

WeasyPrint's default fetcher reads any local file and the network: every document goes
through RestrictedURLFetcher, which only serves data: URLs and files shipped with the
portal's static files. User text reaches templates escaped (never mark_safe), so it
cannot add markup; the fetcher is the second wall if it ever did.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_ARCHIVE_VARIANT = "pdf/a-3a"  # archivable and tagged (accessible)


def static_roots() -> list[Path]:
    """Directories whose files a PDF may embed: the portal's and its apps' static files."""
    roots = [Path(settings.STATIC_ROOT), *map(Path, getattr(settings, "STATICFILES_DIRS", []))]
    roots += [Path(app.path) / "static" for app in apps.get_app_configs()]
    return [root.resolve() for root in roots if root.is_dir()]


class RestrictedURLFetcher(URLFetcher):
    """Serves data: URLs and files under the static roots; refuses everything else.

    No network (http, https, ftp), no redirects, no file outside the static roots
    (file:///etc/passwd is refused, so are ../ escapes and symbolic links leading out).
    """

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, **kwargs)
        self.roots = static_roots()

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if path.is_file() and any(path.is_relative_to(root) for root in self.roots):
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
                )
        raise ValueError(f"Ressource refusée dans un PDF : {url[:200]}")


def static_file_uri(path: str) -> str:
    """file:// URI of a static file, for stylesheets and fonts of PDF templates."""
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    return Path(found).resolve().as_uri()


def render_pdf(template_name: str, context: dict, *, request=None, archive=False) -> bytes:
    """Render a template to PDF; archive=True gives a tagged PDF/A-3a file."""
    return html_to_pdf(render_to_string(template_name, context, request=request), archive=archive)


def html_to_pdf(html: str, *, archive=False) -> bytes:
    document = HTML(
        string=html,
        base_url=static_roots()[0].as_uri() + "/",
        url_fetcher=RestrictedURLFetcher(timeout=5),
    )
    options = {"pdf_variant": PDF_ARCHIVE_VARIANT} if archive else {"pdf_tags": True}
    return document.write_pdf(**options)


def pdf_response(content: bytes, filename: str, *, inline=False) -> HttpResponse:
    name = filename if filename.lower().endswith(".pdf") else f"{filename}.pdf"
    return download_response(content, "application/pdf", name, inline=inline)


def download_response(content, content_type: str, filename: str, *, inline=False):
    """A file to download (PDF, spreadsheet, calendar), its name reduced to a safe slug."""
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    stem = slugify(stem) or "document"
    suffix = f".{slugify(extension)}" if extension else ""
    response["Content-Disposition"] = f'{disposition}; filename="{stem}{suffix}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
