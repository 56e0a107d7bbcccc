"""What an issuing body prints on its documents (Decree 30/2020/NĐ-CP), filled in by an admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import LegalDocument
from units.models import Unit


class SignerAuthority(models.TextChoices):
    """How the signer signs (Decree 30/2020, Art. 13): the words before the position."""

    OWN = "", _("Người đứng đầu ký (không ghi thẩm quyền)")
    KT = "kt", _("KT. – cấp phó ký thay người đứng đầu")
    TM = "tm", _("TM. – thay mặt tập thể lãnh đạo")
    TM_KT = "tm_kt", _("TM. tập thể, KT. người đứng đầu – cấp phó ký")
    Q = "q", _("Q. – quyền người đứng đầu")
    TL = "tl", _("TL. – thừa lệnh người đứng đầu")
    TUQ = "tuq", _("TUQ. – thừa ủy quyền người đứng đầu")


class IssuerProfile(models.Model):
    """How a unit heads and signs its documents, and the document that gives it the power.

    ``authority_bases`` are cited in every decision it issues (e.g. the decree on the
    Ministry's functions, a unit's charter decision), with the legal bases of the awards,
    by legal rank (the authority document first within its rank).
    """

    unit = models.OneToOneField(
        Unit,
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.CASCADE,
        related_name="issuer_profile",
    )
    parent_name = models.CharField(
        _("cơ quan chủ quản"),
        max_length=200,
        blank=True,
        help_text=_("In phía trên tên cơ quan; để trống để dùng tên đơn vị cấp trên."),
    )
    head_title = models.CharField(
        _("chức danh người đứng đầu"),
        max_length=100,
        blank=True,
        help_text=_('Ví dụ "Bộ trưởng", "Cục trưởng", "Chủ tịch"; dùng sau KT., Q., TL., TUQ.'),
    )
    collective_name = models.CharField(
        _("tập thể lãnh đạo"),
        max_length=150,
        blank=True,
        help_text=_('Dùng sau TM., ví dụ "Ủy ban nhân dân".'),
    )
    proposer = models.CharField(
        _("theo đề nghị của"),
        max_length=200,
        blank=True,
        help_text=_('Ví dụ "Vụ trưởng Vụ Thi đua - Khen thưởng"; in cuối phần căn cứ.'),
    )
    authority_bases = models.ManyToManyField(
        LegalDocument,
        verbose_name=_("văn bản quy định thẩm quyền"),
        blank=True,
        related_name="issuer_profiles",
        help_text=_(
            "Nghị định quy định chức năng, nhiệm vụ của Bộ, hoặc quyết định về tổ chức của "
            "đơn vị: căn cứ của mỗi quyết định đơn vị ban hành (xếp theo thứ bậc văn bản)."
        ),
    )

    signature_image = models.ImageField(
        _("ảnh chữ ký của người ký"),
        upload_to="issuers/signatures/",
        blank=True,
        help_text=_(
            "Ảnh PNG nền trong suốt, màu xanh (Nghị định 30/2020, Phụ lục I); dùng khi ký số "
            "quyết định trên máy chủ. Để trống: ô ký ghi tên người ký và thời điểm ký."
        ),
    )
    seal_image = models.ImageField(
        _("ảnh con dấu"),
        upload_to="issuers/seals/",
        blank=True,
        help_text=_("Ảnh PNG nền trong suốt, màu đỏ; trùm lên khoảng 1/3 ảnh chữ ký về bên trái."),
    )

    scope_lookup = "unit__path"

    class Meta:
        verbose_name = _("thông tin ban hành văn bản")
        verbose_name_plural = _("thông tin ban hành văn bản")

    def __str__(self):
        return str(self.unit)
