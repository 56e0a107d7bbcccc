def _todo(request, *a, **k):
    raise NotImplementedError


catalogue = award_detail = _todo
