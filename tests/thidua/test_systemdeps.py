"""What pip cannot install is named, so bin/run and `manage.py check` can say what is missing."""

import shutil
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command

from thidua import checks
from thidua.core import systemdeps


def test_the_check_warns_and_names_the_package_when_the_pdf_font_is_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(systemdeps, "FONT_DIRS", (str(tmp_path),))

    warnings = checks.pdf_font_check(None)

    assert [w.id for w in warnings] == ["thidua.W001"]
    assert "Tinos" in warnings[0].msg
    assert warnings[0].hint == (
        "Install the Debian package fonts-croscore (apt-get install fonts-croscore)."
    )


def test_a_partial_install_lists_the_missing_styles(monkeypatch, tmp_path):
    installed = systemdeps.font_files()
    (tmp_path / "fonts").mkdir()
    shutil.copy(installed["Tinos-Regular.ttf"], tmp_path / "fonts")
    monkeypatch.setattr(systemdeps, "FONT_DIRS", (str(tmp_path),))

    assert systemdeps.missing_fonts() == [
        "Tinos-Bold.ttf",
        "Tinos-Italic.ttf",
        "Tinos-BoldItalic.ttf",
    ]
    assert systemdeps.missing_packages() == ["fonts-croscore"]


def test_with_the_font_installed_manage_check_is_silent(capsys):
    assert checks.pdf_font_check(None) == []
    call_command("check", "--fail-level", "WARNING")


def test_the_bin_scripts_ask_for_the_missing_packages_by_name():
    """`python -m thidua.core.systemdeps` runs without Django and prints Debian package names."""
    result = subprocess.run(
        [sys.executable, "-S", "-m", "thidua.core.systemdeps"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={"HOME": "/nonexistent"},
        check=False,
    )

    assert (result.returncode, result.stdout) == (0, "\n")
