"""Plain constants of the report tests: the task backends and the sentence the year of
``report_world`` (``fixtures.py``) must read as."""

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

EXPECTED_SENTENCE = (
    "Chủ tịch nước tặng Huân chương Lao động hạng Ba cho 01 cá nhân; "
    "Thủ tướng Chính phủ tặng Bằng khen cho 02 cá nhân; "
    "Bộ Tư pháp tặng Cờ thi đua ngành cho 01 tập thể, Bằng khen cho 01 tập thể và 08 cá nhân."
)
