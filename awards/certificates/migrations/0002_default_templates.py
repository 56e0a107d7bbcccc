"""The default template of each kind, with a blank layout to start from, so certificates print
out of the box. Idempotent: existing defaults are left as the admins edited them."""

from django.db import migrations

REFERENCE = "Quyết định số {decision_number} ngày {decision_date}\nSố vào sổ: {register_number}"
SIGNATURE = "{place_date}\n{signer_position}\n\n\n{signer_name}"
DEFAULTS = {
    "bang_khen": {"title": "TẶNG BẰNG KHEN", "details": "{position_unit}"},
    "giay_khen": {"title": "TẶNG GIẤY KHEN", "details": "{position_unit}"},
    "title_individual": {
        "title": "TẶNG DANH HIỆU\n{award_name}",
        "details": "{position_unit}",
    },
    "title_collective": {"title": "TẶNG DANH HIỆU\n{award_name}", "details": ""},
    "flag": {"title": "TẶNG CỜ THI ĐUA", "details": ""},
}
# (field, x, y, width, font size, alignment): the lines of a common Bằng khen blank.
LAYOUT = [
    ("recipient_name", 48, 92, 200, 22, "center"),
    ("position_unit", 38, 108, 220, 14, "center"),
    ("achievement", 38, 122, 220, 14, "center"),
    ("decision_number", 62, 168, 60, 11, "left"),
    ("decision_date", 62, 174, 60, 11, "left"),
    ("register_number", 62, 180, 40, 11, "left"),
    ("place_date", 160, 150, 110, 12, "center"),
    ("signer_name", 160, 182, 110, 14, "center"),
]


def seed(apps, schema_editor):
    Template = apps.get_model("certificates", "CertificateTemplate")
    Placement = apps.get_model("certificates", "FieldPlacement")
    for kind, wording in DEFAULTS.items():
        if Template.objects.filter(kind=kind, award__isnull=True).exists():
            continue
        template = Template.objects.create(
            kind=kind,
            heading="{authority_heading}",
            recipient="{honorific} {recipient_name}",
            body="{achievement}",
            reference=REFERENCE,
            signature=SIGNATURE,
            **wording,
        )
        Placement.objects.bulk_create(
            Placement(
                template=template, field=f, x_mm=x, y_mm=y, width_mm=w, font_size=s, align=a
            )
            for f, x, y, w, s, a in LAYOUT
        )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
