def _todo(request, *a, **k):
    raise NotImplementedError


unit_tree = search = person_list = person_detail = cluster_list = cluster_detail = unit_detail = (
    _todo
)
