"""What the API answers: typed schemas, from which django-ninja writes the OpenAPI schema."""

import datetime

from ninja import Field, Schema

from awards.selectors import sync_due_on


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    parent_id: int | None
    agency_type: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    depth: int


class PersonOut(Schema):
    id: int
    code: str
    full_name: str
    gender: str
    birth_date: datetime.date | None
    category: str
    unit_id: int | None
    position: str
    joined_on: datetime.date | None
    national_id: str | None


class AuthorityOut(Schema):
    id: int
    code: str
    name: str
    level: int


class AwardOut(Schema):
    id: int
    code: str
    name: str
    form_name: str
    kind: str
    subject: str
    reward_type: str
    is_active: bool
    authority: AuthorityOut


class DecisionOut(Schema):
    id: int
    number: str
    year: int
    signed_on: datetime.date
    status: str
    authority_code: str = Field(alias="authority.code")
    authority_name: str = Field(alias="authority.name")
    issuing_unit_id: int
    issuing_unit_name: str = Field(alias="issuing_unit.name")
    handling_unit_id: int | None
    signer_name: str
    signer_position: str
    summary: str
    synced_on: datetime.date | None


class ConfermentOut(Schema):
    id: int
    decision_id: int
    decision_number: str = Field(alias="decision.number")
    decision_signed_on: datetime.date = Field(alias="decision.signed_on")
    award_id: int
    award_code: str = Field(alias="award.code")
    award_name: str = Field(alias="award.name")
    person_id: int | None
    person_name: str | None = None
    unit_id: int
    unit_name: str = Field(alias="unit.name")
    year: int
    position: str
    revoked: bool
    void: bool = Field(alias="is_void")

    @staticmethod
    def resolve_person_name(obj) -> str | None:
        return obj.person.full_name if obj.person_id else None


class DecisionDetailOut(DecisionOut):
    conferments: list[ConfermentOut] = Field(alias="conferment_rows")


class CheckOut(Schema):
    code: str
    status: str
    message: str


class VerdictOut(Schema):
    subject_id: int = Field(alias="subject_pk")
    award_id: int = Field(alias="award.pk")
    year: int
    on: datetime.date
    status: str
    status_label: str
    citation: str
    checks: list[CheckOut]


class CadreRecordOut(Schema):
    """One award to one person, in the shape of the national database of cadres, civil
    servants and public employees (Decree 27/2026/NĐ-CP, data group "thi đua, khen thưởng")."""

    national_id: str | None = Field(alias="person.national_id")
    person_code: str = Field(alias="person.code")
    full_name: str = Field(alias="person.full_name")
    birth_date: datetime.date | None = Field(alias="person.birth_date")
    award_code: str = Field(alias="award.code")
    award_name: str = Field(alias="award.name")
    form: str = Field(alias="award.form_name")
    kind: str = Field(alias="award.kind")
    achievement_year: int = Field(alias="year")
    decision_number: str = Field(alias="decision.number")
    decision_date: datetime.date = Field(alias="decision.signed_on")
    decision_issuer: str = Field(alias="decision.issuing_unit.name")
    decision_authority: str = Field(alias="decision.authority.name")
    signer_name: str = Field(alias="decision.signer_name")
    signer_position: str = Field(alias="decision.signer_position")
    synced_on: datetime.date | None = Field(alias="decision.synced_on")


class UnsyncedDecisionOut(DecisionOut):
    due_on: datetime.date

    @staticmethod
    def resolve_due_on(obj) -> datetime.date:
        return sync_due_on(obj)


class Error(Schema):
    detail: str
