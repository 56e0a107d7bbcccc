"""Yearly award reports: data, narrative, charts, PDF and Excel, statutory tables, jobs.

Kept free of Django imports on purpose: PDF worker processes import
``awards.reports.weasy`` (and so this package) without setting Django up.

Modules::

    scope       who may report on what (unit subtree, grouping, sector) and the period
    forms       the report and statistics pickers
    data        the report's data in a fixed number of queries, with a digest of it
    summary     the narrative sentences and the count tables
    charts      SVG bar charts drawn by our own code
    pdf         HTML for WeasyPrint: the fast path in parts, the summary alone, the naive one
    paginate    the annex's page breaks, predicted from the fonts before layout
    weasy       the WeasyPrint side only: render parts in processes, join, stamp "Trang x/y"
    excel       openpyxl workbooks (streaming for the recipients sheet)
    statistics  the Ministry of Home Affairs tables 0602.N and 0603.N
    staffing    tables 0604.N and 0605.N: emulation-and-reward bodies and their staff
    cache       finished files keyed by their data
    jobs        background generation with django-tasks, deduplicated, with progress
"""
