#!/usr/bin/env python
import os
import sys
from pathlib import Path


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    unconfigured = not ({"DEBUG", "SECRET_KEY"} & os.environ.keys())
    if unconfigured and not (Path(__file__).resolve().parent / ".env").exists():
        # A bare developer checkout: development settings on SQLite. Deployments set
        # SECRET_KEY (compose requires it), so they never reach this default.
        os.environ["DEBUG"] = "1"
    from django.core.management import execute_from_command_line  # noqa: PLC0415 - after DEBUG is chosen, as in Django's template

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
