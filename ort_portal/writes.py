"""History-tracked writes: every save or delete leaves its reason, and its author when
known, in the django-simple-history row it writes (without `by`, the author is the user
of the current request, recorded by HistoryRequestMiddleware)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


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


def write_or_form_error(form, write, *, message):
    """Run `write()` in a savepoint and return what it returns; None when it was refused.

    The form checked that the username, SIREN or seat was free, but a concurrent request
    may have taken it since: the database's unique constraint (IntegrityError) or the
    service's full_clean() (ValidationError) then refuses the write, which is rolled back
    to the savepoint and shown as `message` (or the validation's own messages) on the form.
    """
    try:
        with transaction.atomic():
            return write()
    except IntegrityError:
        form.add_error(None, message)
    except ValidationError as error:
        form.add_error(None, error.messages)
    return None
