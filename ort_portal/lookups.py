"""`__in` on integer columns with values no column can hold.

Django answers `pk=10**26` with no row, but `pk__in=[10**26]` reaches the driver, which
fails (SQLite: OverflowError; PostgreSQL: NumericValueOutOfRange): a multiple choice field
posted with such a number ended in a server error. Those values match nothing, so they are
left out of the list (an empty list matches no row)."""

from django.db.models import IntegerField
from django.db.models.lookups import In


class InRange(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            field_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(field_type)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register():
    IntegerField.register_lookup(InRange)
