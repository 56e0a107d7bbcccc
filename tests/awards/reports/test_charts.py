"""The report's SVG charts write numbers as the reader's language does."""

from django.utils import translation

from awards.reports.charts import bar_chart


def test_bar_values_are_grouped_in_the_active_language():
    values = [("Bằng khen", 12500), ("Giấy khen", 40)]
    with translation.override("vi"):
        vietnamese = bar_chart(values, title="Hình thức")
    with translation.override("en"):
        english = bar_chart(values, title="Forms")
    assert ">12.500<" in vietnamese and "12,500" not in vietnamese
    assert ">12,500<" in english
    assert "<script" not in vietnamese and "style=" not in vietnamese
