"""Reminders through the task queue: one task finds what is due, one task per e-mail."""

import datetime

from django.tasks import task

from . import services


@task(queue_name="notifications")
def send_reminders(today: str) -> int:
    notice_ids = services.record_notices(today=datetime.date.fromisoformat(today))
    for notice_id in notice_ids:
        email_notice.enqueue(notice_id)
    return len(notice_ids)


@task(queue_name="notifications")
def email_notice(notice_id: int) -> bool:
    return services.email_notice(notice_id=notice_id)
