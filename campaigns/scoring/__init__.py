"""Scoring and ranking: score sheets, self-scores, review, rankings and grades.

A sub-area of the campaigns app with the app's skeleton (its models live in
``campaigns/models/scoring.py``, the app's models slot): ``services/`` (what changes data),
``selectors`` (what the pages read), ``workflow`` (the state tables), ``access`` (who acts
on a round), ``forms``, ``views/``, ``urls``, ``admin``; and the rules of computation, pure
functions over rows: ``formulas``, ``rows``, ``rules``, ``ranking`` and ``grades`` (one SQL
aggregation for any number of rounds, then grades with their reasons).
"""
