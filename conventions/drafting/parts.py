"""The draft parts conventions owns: parties, articles, secteurs d'intervention."""

from django.db.models import Max

from ort_portal.writes import save_tracked

from ..models import Article, InterventionSector, Signatory
from . import DraftPart, register_draft_part
from .forms import ArticleForm, PartyForm, SectorForm


def article_position(article: Article) -> int:
    """Articles in the order of their numbers: 4 before 4.1 before 4.2 before 5; an article
    without a number after the others."""
    if article.number:
        major, _, minor = article.number.partition(".")
        return int(major) * 100 + int(minor or 0)
    others = Article.objects.filter(convention=article.convention_id).exclude(pk=article.pk)
    return (others.aggregate(last=Max("position"))["last"] or 0) + 1


def save_article(*, convention, form, by):
    article = form.save(commit=False)
    article.position = article_position(article)
    article.full_clean()
    reason = f"Article {article.number} enregistré avant signature"
    return save_tracked(article, reason=reason, by=by)


def register():
    """Called by ConventionsConfig.ready()."""
    register_draft_part(
        DraftPart(
            slug="parties",
            title="Parties",
            noun="la partie",
            form_class=PartyForm,
            items=lambda convention: convention.signatories.select_related(
                "organisation", "representative", "acting_for"
            ).order_by("order", "pk"),
            new=lambda convention: Signatory(
                convention=convention, order=convention.signatories.count() + 1
            ),
            row_template="conventions/drafting/rows/party.html",
            help="Les organisations et représentants de votre territoire sont proposés en "
            "premier ; une organisation locale qui manque s’ajoute à l’annuaire.",
            extra_template="conventions/drafting/parties_extra.html",
            order=10,
        )
    )
    register_draft_part(
        DraftPart(
            slug="articles",
            title="Articles",
            noun="l’article",
            form_class=ArticleForm,
            items=lambda convention: convention.articles.order_by("position", "pk"),
            new=lambda convention: Article(convention=convention, position=0),
            row_template="conventions/drafting/rows/article.html",
            save=save_article,
            help="Un sous-article porte le numéro de son article : 4.1, 4.2…",
            order=20,
        )
    )
    register_draft_part(
        DraftPart(
            slug="secteurs",
            title="Secteurs d’intervention",
            noun="le secteur",
            form_class=SectorForm,
            items=lambda convention: convention.sectors.order_by("name"),
            new=lambda convention: InterventionSector(convention=convention),
            row_template="conventions/drafting/rows/sector.html",
            order=30,
        )
    )
