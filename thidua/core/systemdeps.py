"""What the operating system must provide for thidua to print: Pango's libraries and one font.

WeasyPrint renders every PDF through Pango and HarfBuzz, which pip cannot install; and every
official document is set in Tinos, a Times-metric serif that has every Vietnamese glyph. Both
come from Debian packages. This module names them, so that `bin/run` can install (or ask for)
exactly the missing packages before anything imports WeasyPrint, and the `manage.py check`
warning names the same package. It imports nothing from Django or the project on purpose:
`python -m thidua.core.systemdeps` runs before the database or the settings exist.
"""

import ctypes.util
import os
import sys
from pathlib import Path

# The one font family of every printed document (Decree 30/2020 asks for a Times-metric face).
PDF_FONT_FAMILY = "Tinos"
PDF_FONT_PACKAGE = "fonts-croscore"
PDF_FONT_FILES = ("Tinos-Regular.ttf", "Tinos-Bold.ttf", "Tinos-Italic.ttf", "Tinos-BoldItalic.ttf")

# ctypes name of each shared library WeasyPrint loads → the Debian package that ships it
# (GLib and fontconfig come with Pango).
LIBRARIES = {
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "harfbuzz-subset": "libharfbuzz-subset0",
}

FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "~/Library/Fonts",
)


def missing_libraries() -> list[str]:
    """Debian packages whose shared library cannot be found."""
    return [pkg for lib, pkg in LIBRARIES.items() if ctypes.util.find_library(lib) is None]


def font_files() -> dict[str, Path]:
    """The PDF font's files found on this machine, by file name."""
    wanted, found = set(PDF_FONT_FILES), {}
    for folder in FONT_DIRS:
        for root, _dirs, files in os.walk(os.path.expanduser(folder)):
            for name in wanted.intersection(files):
                found.setdefault(name, Path(root) / name)
    return found


def missing_fonts() -> list[str]:
    """The PDF font's styles (file names) this machine lacks."""
    found = font_files()
    return [name for name in PDF_FONT_FILES if name not in found]


def missing_packages() -> list[str]:
    packages = missing_libraries()
    if missing_fonts():
        packages.append(PDF_FONT_PACKAGE)
    return packages


if __name__ == "__main__":
    # Prints the missing Debian packages, space-separated; exit status 1 when any is missing.
    missing = missing_packages()
    print(" ".join(missing))
    sys.exit(1 if missing else 0)
