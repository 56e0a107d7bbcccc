"""Plain factories: every field a test does not care about gets a boring valid value."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from awards.catalogue.models import Authority, Award, AwardRule, LegalDocument, RulePrerequisite
from awards.models import Conferment, Council, CouncilMember, Decision, Nominee, Proposal
from campaigns.models import Campaign, Pledge, Registration
from units.models import (
    AgencyType,
    Assignment,
    Cluster,
    ClusterMembership,
    Discipline,
    Initiative,
    InitiativeLevel,
    Leave,
    Person,
    Province,
    QualityRating,
    Review,
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


# --- People's histories and award rules (the eligibility checks) ------------------------


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualityRating

    year = 2025
    rating = QualityRating.Rating.GOOD


class DisciplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Discipline

    form = Discipline.Form.REPRIMAND
    decision_number = factory.Sequence(lambda n: f"{n + 1}/QĐ-KL")


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    kind = Review.Kind.DISCIPLINE


class LeaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leave

    kind = Leave.Kind.MATERNITY


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Sáng kiến số {n + 1}")
    level = InitiativeLevel.BASE
    year = 2025
    decision_number = factory.Sequence(lambda n: f"{n + 1}/QĐ-HĐSK")
    decision_date = datetime.date(2025, 11, 20)

    @factory.post_generation
    def authors(self, create, people, **kwargs):
        if create and people:
            self.authors.set(people)


class PrerequisiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RulePrerequisite

    count = 1
    window_years = 1


# --- Campaigns -----------------------------------------------------------------------------


def _this_year_start():
    return datetime.date(timezone.localdate().year, 1, 1)


class CampaignFactory(factory.django.DjangoModelFactory):
    """An open regular campaign over this calendar year; ``scope_units``, ``scope_clusters``
    and ``awards`` take lists."""

    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Phong trào thi đua số {n}")
    kind = Campaign.Kind.REGULAR
    authority_name = "Bộ Tư pháp"
    start_date = factory.LazyFunction(_this_year_start)
    end_date = factory.LazyAttribute(lambda o: datetime.date(o.start_date.year, 12, 31))
    status = Campaign.Status.OPEN

    @factory.post_generation
    def scope_units(self, create, units, **kwargs):
        if create and units:
            self.scope_units.set(units)

    @factory.post_generation
    def scope_clusters(self, create, clusters, **kwargs):
        if create and clusters:
            self.scope_clusters.set(clusters)

    @factory.post_generation
    def awards(self, create, awards, **kwargs):
        if create and awards:
            self.awards.set(awards)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A line as the services would save it; set ``unit`` to the person's unit."""

    class Meta:
        model = Registration

    campaign = factory.SubFactory(CampaignFactory)
    year = factory.LazyAttribute(lambda o: o.campaign.start_date.year)
    award = factory.SubFactory(AwardFactory)
    unit = factory.SubFactory(UnitFactory)
    person = None
    status = Registration.Status.DRAFT


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    cluster = factory.SubFactory(ClusterFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    title = factory.LazyAttribute(lambda o: f"Giao ước thi đua năm {o.year}")
    content = "Các đơn vị thành viên cùng thi đua hoàn thành xuất sắc nhiệm vụ được giao."
    commitments = "Tỷ lệ việc thi hành xong đạt từ 80 % trở lên\nKhông có cán bộ vi phạm kỷ luật"


# --- Proposals and councils ---------------------------------------------------------------


class ProposalFactory(factory.django.DjangoModelFactory):
    """A draft proposal of ``proposing_unit`` to the minister, decided at ``authority_unit``;
    states beyond draft should be reached through ``awards.services``."""

    class Meta:
        model = Proposal

    proposing_unit = factory.SubFactory(UnitFactory)
    authority = factory.SubFactory(AuthorityFactory)
    authority_unit = factory.LazyAttribute(lambda o: o.proposing_unit)
    current_unit = factory.LazyAttribute(lambda o: o.proposing_unit)
    year = 2025
    reference_date = factory.LazyAttribute(lambda o: datetime.date(o.year, 12, 31))
    title = factory.Sequence(lambda n: f"Đề nghị khen thưởng số {n}")


class NomineeFactory(factory.django.DjangoModelFactory):
    """A nominee without a verdict; ``awards.services.nominee_add`` computes one."""

    class Meta:
        model = Nominee

    proposal = factory.SubFactory(ProposalFactory)
    award = factory.SubFactory(AwardFactory)
    person = factory.SubFactory(PersonFactory)


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    unit = factory.SubFactory(UnitFactory)
    name = factory.LazyAttribute(lambda o: f"Hội đồng Thi đua – Khen thưởng {o.unit.name}")


class CouncilMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMember

    council = factory.SubFactory(CouncilFactory)
    user = factory.SubFactory(UserFactory)
    role = CouncilMember.Role.MEMBER
