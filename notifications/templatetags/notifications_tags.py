from django import template

from notifications.models import Notice

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notice_count(context):
    user = context["request"].user
    return Notice.objects.for_user(user).unread().count() if user.is_authenticated else 0
