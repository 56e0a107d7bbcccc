"""Scoring and ranking: score sheets, self-scores, review, rankings and grades.

``sheets`` (define, copy, version, publish), ``rounds`` (open, close, finalise),
``scores`` (self-score and review), ``ranking`` and ``grades`` (one SQL aggregation for
any number of rounds, then grades with their reasons), ``suggestions`` (year-end places
proposing awards), ``selectors`` (what the pages read), ``workflow`` (the state tables).
"""
