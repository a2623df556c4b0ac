"""Pickers that search instead of listing thousands of <option> (organisations, people).

The widget is a text box showing the chosen item's label, with the chosen key in a hidden
input. With JavaScript, htmx fills a <datalist> with up to LIMIT suggestions while the user
types (the browser's own accessible combobox). Without it, the user types part of a name
and submits: a single match is taken, several come back as a short list to choose from
(a search-then-select step), none gives an error message next to the field.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

LIMIT = 20


class SearchSelect(forms.Widget):
    template_name = "ort_portal/widgets/search_select.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.suggest_url = ""
        self.labels: dict[str, str] = {}
        self.matches: list[tuple[str, str]] = []

    def value_from_datadict(self, data, files, name):
        # No search box in the data: a client sending the key alone (a script, a test).
        text = data.get(f"{name}_search")
        return {
            "key": data.get(name, ""),
            "text": None if text is None else text.strip(),
            "choice": data.get(f"{name}_choice", ""),
        }

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_search" not in data

    def format_value(self, value):
        if isinstance(value, dict):
            if value["text"] is None:
                return {**value, "text": self.labels.get(value["key"], "")}
            return value
        key = "" if value in (None, "") else str(getattr(value, "pk", value))
        return {"key": key, "text": self.labels.get(key, ""), "choice": ""}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            suggest_url=self.suggest_url, matches=self.matches, list_id=f"{attrs['id']}-list"
        )
        return context


class SearchChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField picked through SearchSelect.

    search: the fields a typed text is looked for in (icontains, every word must match);
    describe: how an item reads; suggest_url: the htmx endpoint returning <option>s.
    """

    widget = SearchSelect
    not_found = "Aucun résultat pour « {text} » : vérifiez l’orthographe."
    several = "{count} résultats pour « {text} » : choisissez dans la liste ci-dessous."

    def __init__(self, queryset, *, search, describe, suggest_url, **kwargs):
        kwargs.setdefault("help_text", "Tapez une partie du nom puis choisissez.")
        super().__init__(queryset, **kwargs)
        self.search, self.describe = search, describe
        self.widget.suggest_url = suggest_url

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.widget.labels = dict(self.widget.labels)
        result.widget.matches = []
        return result

    def label_from_instance(self, obj):
        return self.describe(obj)

    def remember(self, objects):
        """Labels of items already loaded (the current values), so rendering needs no query."""
        for obj in objects:
            if obj is not None:
                self.widget.labels[str(obj.pk)] = self.describe(obj)

    def prepare_value(self, value):
        if hasattr(value, "pk"):
            self.remember([value])
        return super().prepare_value(value)

    def matching(self, text: str):
        """The queryset narrowed to items matching every word of `text`."""
        condition = Q()
        for word in text.split():
            condition &= Q(
                *[Q(**{f"{field}__icontains": word}) for field in self.search], _connector=Q.OR
            )
        return self.queryset.filter(condition)

    def to_python(self, value):
        if not isinstance(value, dict):
            return super().to_python(value)
        if value["choice"]:
            return super().to_python(value["choice"])
        text, key = value["text"], value["key"]
        if text is None:
            return super().to_python(key)
        if not text:
            return None
        if key:
            current = self.queryset.filter(pk=key).first() if key.isdigit() else None
            if current is not None and self.describe(current) == text:
                return current
        return self._resolve(text)

    def _resolve(self, text):
        found = list(self.matching(text)[: LIMIT + 1])
        exact = [obj for obj in found if self.describe(obj).lower() == text.lower()]
        if len(exact) == 1 or len(found) == 1:
            return (exact or found)[0]
        if not found:
            raise ValidationError(self.not_found.format(text=text), code="not_found")
        self.widget.matches = [(str(obj.pk), self.describe(obj)) for obj in found[:LIMIT]]
        count = f"Plus de {LIMIT}" if len(found) > LIMIT else str(len(found))
        raise ValidationError(self.several.format(count=count, text=text), code="several")

    def has_changed(self, initial, data):
        try:
            value = self.to_python(data)
        except ValidationError:
            return True
        initial_key = "" if initial in (None, "") else str(getattr(initial, "pk", initial))
        return (str(value.pk) if value is not None else "") != initial_key


class SearchSelectMultiple(SearchSelect):
    """The chosen items as checked boxes (uncheck to remove) and a search box to add one."""

    template_name = "ort_portal/widgets/search_select_multiple.html"

    def value_from_datadict(self, data, files, name):
        keys = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        return {
            "keys": [key for key in keys if key],
            "text": (data.get(f"{name}_search") or "").strip(),
            "choice": data.get(f"{name}_choice", ""),
        }

    def format_value(self, value):
        if isinstance(value, dict):
            keys = value["keys"]
            text, choice = value["text"], value["choice"]
        else:
            keys = [str(getattr(item, "pk", item)) for item in (value or [])]
            text, choice = "", ""
        chosen = [(key, self.labels.get(key, key)) for key in keys]
        return {"chosen": chosen, "text": text, "choice": choice}


class SearchMultipleChoiceField(SearchChoiceField):
    widget = SearchSelectMultiple
    help = "Décochez pour retirer ; pour ajouter, tapez une partie du nom puis choisissez."

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("help_text", self.help)
        kwargs.setdefault("required", False)
        super().__init__(queryset, **kwargs)

    def prepare_value(self, value):
        if value and not isinstance(value, dict):
            items = [item for item in value if hasattr(item, "pk")]
            self.remember(items)
            return [str(item.pk) for item in items] or [str(item) for item in value]
        return value

    def to_python(self, value):
        if not isinstance(value, dict):
            return list(value or [])
        keys = [key for key in value["keys"] if key.isdigit()]
        chosen = list(self.queryset.filter(pk__in=keys)) if keys else []
        self.remember(chosen)
        added = super().to_python({"key": "", "text": value["text"], "choice": value["choice"]})
        if added is not None and added not in chosen:
            chosen.append(added)
        return chosen

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data):
        try:
            value = self.to_python(data)
        except ValidationError:
            return True
        before = {str(getattr(item, "pk", item)) for item in (initial or [])}
        return before != {str(item.pk) for item in value}
