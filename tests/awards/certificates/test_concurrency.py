"""Register numbers stay unique and gap-free when several prints run at once (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from awards.certificates import services
from awards.certificates.models import Certificate
from tests.awards.certificates.helpers import confer_people, make_decision

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers by itself"
)


@pytest.mark.django_db(transaction=True)
def test_concurrent_prints_take_distinct_consecutive_numbers(sector, ubnd, admin_user):
    decisions = [make_decision(sector, ubnd, number=f"{n}/QĐ-UBND") for n in range(1, 5)]
    batches = [
        confer_people(d, ubnd.award, sector.district, [f"Cán bộ {d.number} {i}" for i in range(5)])
        for d in decisions
    ]
    barrier = threading.Barrier(len(decisions))
    errors = []

    def print_one(decision, people):
        try:
            barrier.wait()
            services.certificates_print(decision=decision, conferments=people, by=admin_user)
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=print_one, args=pair)
        for pair in zip(decisions, batches, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 21))
    # Each decision's recipients got a consecutive run of numbers.
    for decision in decisions:
        mine = sorted(
            Certificate.objects.filter(conferment__decision=decision).values_list(
                "number", flat=True
            )
        )
        assert mine == list(range(mine[0], mine[0] + 5))
