"""What changes scoring data: ``sheets`` (define, copy, version, publish), ``rounds``
(open, close, finalise), ``scores`` (self-score and review), ``suggestions`` (year-end
places proposing awards), ``uploads`` (evidence files)."""
