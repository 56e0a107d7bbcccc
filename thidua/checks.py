"""System checks (`manage.py check`) for what pip cannot install."""

from django.core.checks import Tags, Warning, register

from thidua.core import systemdeps


@register(Tags.compatibility, deploy=False)
def pdf_font_check(app_configs, **kwargs) -> list[Warning]:
    """Without the PDF font, every printed document silently falls back to another typeface."""
    missing = systemdeps.missing_fonts()
    if not missing:
        return []
    return [
        Warning(
            f"The PDF font {systemdeps.PDF_FONT_FAMILY} is missing ({', '.join(missing)}): "
            "decisions, reports and certificates would print in another typeface.",
            hint=f"Install the Debian package {systemdeps.PDF_FONT_PACKAGE} "
            f"(apt-get install {systemdeps.PDF_FONT_PACKAGE}).",
            id="thidua.W001",
        )
    ]
