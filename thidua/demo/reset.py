"""Recognise a seeded database and empty it for a fresh seed.

A database counts as seeded when the demo administrator holds the admin role on the
ministry (both seed commands create it); only then may ``--reset`` delete anything. The
reset deletes every row of the domain apps that hangs off units, people, provinces or
groupings, so later apps' tables are covered without naming them. The award catalogue
stays (it does not depend on units; seeding it is idempotent), and so do the demo users:
their roles go with the units, and the seed gives them fresh ones.
"""

from django.apps import apps
from django.db import connection

from thidua.demo.accounts import ADMIN_USERNAME
from units.models import Cluster, Person, Province, Unit, UnitRole

DOMAIN_APPS = ("core", "units", "campaigns", "awards", "certificates")
ROOTS = (Unit, Person, Province, Cluster)


def has_data() -> bool:
    return Unit.objects.exists() or Person.objects.exists()


def is_seeded() -> bool:
    return UnitRole.objects.filter(
        user__username=ADMIN_USERNAME,
        role=UnitRole.Role.ADMIN,
        unit__code__in=["btp", "btp-vu-tdkt"],
    ).exists()


def _targets(model) -> set:
    return {
        f.related_model
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is not model
    }


def _doomed_models() -> list:
    """Models depending on the roots, each listed before the models it refers to."""
    tables = set(connection.introspection.table_names())
    models = [
        m
        for label in DOMAIN_APPS
        for m in apps.get_app_config(label).get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and m._meta.db_table in tables
    ]
    doomed = set(ROOTS)
    grew = True
    while grew:
        grew = False
        for model in models:
            if model not in doomed and _targets(model) & doomed:
                doomed.add(model)
                grew = True
    ordered, seen = [], set()

    def visit(model):
        if model in seen:
            return
        seen.add(model)
        for other in doomed:
            if model in _targets(other):
                visit(other)
        ordered.append(model)

    for model in sorted(doomed, key=lambda m: m._meta.label):
        visit(model)
    return ordered


def wipe() -> int:
    """Delete the seeded data; return the number of rows deleted."""
    doomed = _doomed_models()
    for model in doomed:
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is model and f.null:
                model._base_manager.update(**{f.name: None})
    deleted = 0
    # Plain DELETEs, referring tables first: the ORM's collector would fetch every row.
    with connection.cursor() as cursor:
        for model in doomed:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
            deleted += max(cursor.rowcount, 0)
    return deleted
