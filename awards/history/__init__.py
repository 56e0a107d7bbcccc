"""History import: past decisions, conferments, ratings and initiatives from one workbook.

A sub-area of awards with the app's slots: ``sheets`` (the file format: the template and
the reader), ``services`` (checking and saving, all or nothing), ``forms``, ``views``;
its URLs are in ``awards.urls``, its record ``awards.models.HistoryImport``, its command
``manage.py import_history``.
"""
