"""The read-only HTTP API for other systems (``/api/v1/``) and the API tokens it accepts.

A nested app of the project (label ``api``): it reads every app, so it sits at the top with
the rest of the project; nothing below imports it. Every queryset goes through
``units.access.restrict`` with the token's user, exactly as the screens do.
"""
