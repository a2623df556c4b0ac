"""History-tracked writes: every save or delete leaves its reason, and its author when
known, in the django-simple-history row it writes (without `by`, the author is the user
of the current request, recorded by HistoryRequestMiddleware)."""


def save_tracked(instance, *, reason, by=None, update_fields=None):
    """Create or update `instance` with a change reason (and author)."""
    instance._change_reason = reason
    if by is not None:
        instance._history_user = by
    instance.save(update_fields=update_fields)
    return instance


def delete_tracked(instance, *, reason, by=None):
    """Delete `instance`; the history's deletion row keeps the reason (and author)."""
    instance._change_reason = reason
    if by is not None:
        instance._history_user = by
    instance.delete()
