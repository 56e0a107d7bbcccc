"""``__in`` on integer columns ignores values no such column can hold.

Django drops out-of-range integers from ``exact``/``gt``/… lookups (``IntegerFieldOverflow``)
but not from ``in``: a form's ``ModelMultipleChoiceField`` given an id such as 10**40 made
SQLite raise ``OverflowError`` (a 500). Such a value matches no row, so it is left out; the
form then reports it as an invalid choice. Registered on ``IntegerField`` (and so on every
integer and auto field) when ``thidua.core.models`` is imported.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class InIntegerRange(In):
    lookup_name = "in"

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            internal_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(internal_type)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
