"""History-tracked writes: every save or delete leaves its reason, and its author when
known, in the django-simple-history row it writes."""


def save_tracked(instance, *, reason, by=None, **kwargs):
    """Save with a change reason (and author); kwargs go to save(), e.g. update_fields."""
    instance._change_reason = reason
    if by is not None:
        instance._history_user = by
    instance.save(**kwargs)
    return instance


def delete_tracked(instance, *, reason, by=None):
    """Delete with a change reason (and author) in the history's deletion row."""
    instance._change_reason = reason
    if by is not None:
        instance._history_user = by
    instance.delete()
