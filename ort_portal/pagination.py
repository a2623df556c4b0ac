"""Lists cut into pages: a national user may read thousands of rows, no page shows them all."""

from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int) -> dict:
    """The page asked for by `?page=` (the last one when past the end, the first when not a
    number) and the other GET parameters, kept by the links of includes/pagination.html."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    return {"page_obj": page, "query": query_without_page(request)}


def query_without_page(request) -> str:
    """The GET parameters but `page`, URL-encoded: a list's filters, kept by its links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def page_title(title: str, page: Page) -> str:
    """« Mes conventions, page 2 sur 5 »: each page of a list has its own title."""
    if page.paginator.num_pages > 1:
        return f"{title}, page {page.number} sur {page.paginator.num_pages}"
    return title
