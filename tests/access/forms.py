"""The forms of the portal's pages, read from their HTML: where each posts and its fields."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class FormField:
    name: str
    kind: str  # input type, "select" or "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class PageForm:
    action: str
    fields: dict[str, FormField] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__()
        self.page_url = page_url
        self.forms, self.current, self.select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self.current = PageForm(action=attrs.get("action") or self.page_url)
            self.forms.append(self.current)
        elif self.current is None or not attrs.get("name") and tag != "option":
            return
        elif tag in ("input", "textarea"):
            kind = attrs.get("type", "text") if tag == "input" else "textarea"
            if kind not in ("submit", "button", "file", "image"):
                self._add(FormField(attrs["name"], kind, attrs.get("value") or ""))
        elif tag == "select":
            self.select = self._add(FormField(attrs["name"], "select"))
        elif tag == "option" and self.select is not None:
            self.select.options.append(attrs.get("value") or "")

    def _add(self, form_field):
        return self.current.fields.setdefault(form_field.name, form_field)

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None


def page_forms(page_url, html) -> list[PageForm]:
    parser = _FormParser(page_url)
    parser.feed(html)
    return [form for form in parser.forms if set(form.fields) - {"csrfmiddlewaretoken"}]
