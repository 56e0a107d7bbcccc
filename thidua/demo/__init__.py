"""Builders of seeded data: the demo data set and the national-scale benchmark data set.

Both commands (``seed_demo``, ``seed_national``) describe what they want as a ``Plan``
(``thidua.demo.plans``) and hand it to ``thidua.demo.pipeline.build``, which writes
everything with bulk inserts inside the caller's transaction. Randomness comes from one
``random.Random`` with a fixed seed, so two runs produce the same data.
"""
