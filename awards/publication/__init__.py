"""The public list of awards (danh sách khen thưởng công khai).

The Law on Emulation and Commendation asks that awards be made public (công khai, minh
bạch). A deployment turns the page on with ``THIDUA_PUBLIC_LIST`` (off by default: a page
without login is the operator's choice, with its proxy and caching in mind); admins choose
the decisions it shows (``Decision.published``, off by default). It shows an issued,
published decision's live awards, each as name, unit, award, decision number and date, and
nothing else about anybody.
"""
