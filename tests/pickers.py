"""Choosing in a search picker (ort_portal.pickers) from a browser test, as a person does:
part of the name typed in its search field, then the option chosen in its select."""

import re


def picker_select(scope, search_label):
    """The select that the search field named `search_label` fills."""
    search = scope.get_by_role("searchbox", name=re.compile(re.escape(search_label)))
    return search, scope.page.locator(f"[id='{search.get_attribute('aria-controls')}']")


def pick(scope, search_label, text, option):
    search, select = picker_select(scope, search_label)
    search.fill(text)
    exact = re.compile(f"^{re.escape(option)}$")
    select.locator("option").filter(has_text=exact).first.wait_for(state="attached")
    select.select_option(label=option)
    return select
