"""Plain factories: every field a test does not care about gets a boring valid value."""

import datetime

import factory
from django.contrib.auth import get_user_model

from awards.models import Authority, Award, AwardRule, Conferment, Decision, LegalDocument
from units.models import (
    AgencyType,
    Assignment,
    Cluster,
    ClusterMembership,
    Person,
    Province,
    Unit,
    UnitRole,
)

PASSWORD = "Thidua@2026!"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Người dùng"
    password = factory.django.Password(PASSWORD)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Tỉnh {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    code = factory.Sequence(lambda n: f"unit-{n}")
    agency_type = AgencyType.MINISTRY_UNIT


class UnitRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitRole

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = UnitRole.Role.STAFF


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Số {n}")
    code = factory.Sequence(lambda n: f"CB{n:06d}")
    gender = Person.Gender.MALE

    @factory.post_generation
    def assigned_to(self, create, unit, **kwargs):
        """``PersonFactory(assigned_to=unit)`` places the person there since 2020."""
        if unit is None:
            return
        position = kwargs.get("position", "Chuyên viên")
        Assignment.objects.create(
            person=self, unit=unit, position=position, start=datetime.date(2020, 1, 1)
        )
        self.unit, self.position = unit, position
        if create:
            self.save()


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Khối thi đua số {n}")
    kind = Cluster.Kind.BLOCK


class ClusterMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterMembership

    cluster = factory.SubFactory(ClusterFactory)
    unit = factory.SubFactory(UnitFactory)
    year = 2026


class LegalDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalDocument
        django_get_or_create = ["number"]

    number = factory.Sequence(lambda n: f"{n}/2023/NĐ-CP")
    kind = LegalDocument.Kind.DECREE
    title = "Quy định chi tiết Luật Thi đua, khen thưởng"
    issuer = "Chính phủ"
    issued_on = datetime.date(2023, 12, 31)
    effective_from = datetime.date(2024, 1, 1)


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority
        django_get_or_create = ["code"]

    code = "bo-truong"
    name = "Bộ trưởng Bộ Tư pháp"
    report_name = "Bộ Tư pháp"
    level = Authority.Level.MINISTRY_PROVINCE


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"award-{n}")
    name = factory.Sequence(lambda n: f"Hình thức {n}")
    form_name = "Bằng khen"
    kind = Award.Kind.REWARD
    subject = Award.Subject.INDIVIDUAL
    authority = factory.SubFactory(AuthorityFactory)


class AwardRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardRule

    award = factory.SubFactory(AwardFactory)
    effective_from = datetime.date(2024, 1, 1)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    authority = factory.SubFactory(AuthorityFactory)
    issuing_unit = factory.SubFactory(UnitFactory)
    number = factory.Sequence(lambda n: f"{n}/QĐ-BTP")
    year = 2025
    signed_on = datetime.date(2025, 1, 15)
    signer_name = "Nguyễn Hải Ninh"
    signer_position = "Bộ trưởng"


class ConfermentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conferment

    decision = factory.SubFactory(DecisionFactory)
    award = factory.SubFactory(AwardFactory)
    unit = factory.SubFactory(UnitFactory)
    year = 2024
