"""The general templates of the drafted documents (tờ trình, dự thảo quyết định), in general and
for emulation titles, so documents draft out of the box. Idempotent: existing rows are left as
the admins edited them."""

from django.db import migrations

from awards.certificates.document_defaults import DEFAULTS


def seed(apps, schema_editor):
    Template = apps.get_model("certificates", "DocumentTemplate")
    for (document, kind), wording in DEFAULTS.items():
        if Template.objects.filter(document=document, award_kind=kind, authority__isnull=True):
            continue
        Template.objects.create(document=document, award_kind=kind, **wording)


class Migration(migrations.Migration):
    dependencies = [("certificates", "0004_document_templates")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
