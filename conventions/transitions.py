"""Status changes follow one explicit table per model (TRANSITIONS on Convention and
Amendment); save() refuses any other change, whoever writes it (service, admin, shell).
"""

from django.core.exceptions import ValidationError


class StatusTransitions:
    """Mixin: remembers the status read from the database and checks the change on save."""

    TRANSITIONS: dict = {}

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    def check_transition(self):
        loaded = getattr(self, "_loaded_status", None)
        if self._state.adding or loaded is None or loaded == self.status:
            return
        if self.status not in self.TRANSITIONS.get(loaded, ()):
            old, new = self.Status(loaded).label, self.Status(self.status).label
            raise ValidationError(
                f"Le statut ne passe pas de « {old} » à « {new} ».", code="transition"
            )

    def save(self, *args, **kwargs):
        self.check_transition()
        super().save(*args, **kwargs)
        self._loaded_status = self.status
