"""Recording today's notices (each once) and sending them by e-mail."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from conventions.models import Convention
from ort_portal.writes import delete_tracked, save_tracked

from . import rules
from .models import Kind, Notice

logger = logging.getLogger(__name__)
CHANGE_REASON = "Rappel quotidien"


def recipients():
    """Chefs de projet: the people who act on what the reminders report."""
    return get_user_model().objects.filter(
        is_active=True, portal_profile__role=Profile.Role.CHEF_DE_PROJET
    )


def record_notices(*, today: datetime.date) -> list[int]:
    """Create the notices due today, never twice for the same user, kind and subject, never
    about a convention the user may not read, never of a kind the user turned off.
    Returns the new notices' ids."""
    reminders = [reminder for rule in rules.CONVENTION_RULES for reminder in rule(today)]
    year, week, _ = today.isocalendar()
    digest_key = f"semaine:{year}-{week:02d}"
    created = []
    for user in recipients():
        opted_out = set(user.notice_opt_outs.values_list("kind", flat=True))
        sent = set(user.notices.values_list("kind", "key"))
        visible = set(Convention.objects.for_user(user).values_list("pk", flat=True))
        for reminder in reminders:
            shared = reminder.conventions & visible
            if (
                shared
                and reminder.kind not in opted_out
                and (reminder.kind, reminder.key) not in sent
            ):
                created += _create(user, reminder, convention_id=min(shared))
        wants_digest = Kind.WEEKLY_DIGEST not in opted_out
        if wants_digest and (Kind.WEEKLY_DIGEST, digest_key) not in sent:
            digest = rules.weekly_digest(user, today)
            if digest is not None:
                created += _create(user, digest, convention_id=None)
    return created


def _create(user, reminder, *, convention_id) -> list[int]:
    notice = Notice(
        recipient=user,
        kind=reminder.kind,
        key=reminder.key,
        convention_id=convention_id,
        subject=reminder.subject,
        body=reminder.body,
        path=reminder.path,
    )
    try:
        with transaction.atomic():
            save_tracked(notice, reason=CHANGE_REASON)
    except IntegrityError:  # another worker recorded it first (notice_sent_once)
        return []
    return [notice.pk]


def email_notice(*, notice_id: int) -> bool:
    """E-mail a notice to its recipient, once; False when there is nothing to send."""
    with transaction.atomic():
        notice = Notice.objects.select_for_update().select_related("recipient").get(pk=notice_id)
        if notice.emailed_at or not notice.recipient.email:
            return False
        preferences = settings.PORTAL_URL + reverse("notifications:preferences")
        send_mail(
            subject=f"[Portail ORT] {notice.subject}",
            message=(
                f"Bonjour,\n\n{notice.body}\n\nPour voir la page : {notice.url}\n\n"
                f"Ce message vous est envoyé par le portail ORT. Pour ne plus recevoir ce type "
                f"d’avis : {preferences}\n"
            ),
            from_email=None,
            recipient_list=[notice.recipient.email],
        )
        notice.emailed_at = timezone.now()
        save_tracked(notice, reason=CHANGE_REASON, update_fields=["emailed_at"])
    return True


def mark_read(*, user, notice_ids) -> int:
    """Mark the user's own notices as read (each change history-tracked)."""
    count = 0
    for notice in Notice.objects.for_user(user).unread().filter(pk__in=notice_ids):
        notice.read_at = timezone.now()
        save_tracked(notice, reason="Avis lu", update_fields=["read_at"])
        count += 1
    return count


@transaction.atomic
def set_opt_outs(*, user, kinds: set[str]):
    """Turn off exactly the given kinds of notice for the user."""
    current = {o.kind: o for o in user.notice_opt_outs.all()}
    for kind, opt_out in current.items():
        if kind not in kinds:
            delete_tracked(opt_out, reason="Avis réactivé")
    for kind in kinds - set(current):
        opt_out = user.notice_opt_outs.model(user=user, kind=kind)
        save_tracked(opt_out, reason="Avis désactivé")
