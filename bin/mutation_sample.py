"""Keep ``N`` of a cosmic-ray session's pending mutants and mark the rest skipped (called by
bin/mutation when MUTATION_SAMPLE=N): a run of a few mutants proves the command still works
without the hours of a full run. The sample is the same for the same session."""

import random
import sys

from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import WorkerOutcome, WorkResult


def main(session: str, keep: int) -> None:
    with use_db(session, WorkDB.Mode.open) as db:
        pending = sorted(db.pending_work_items, key=lambda item: item.job_id)
        random.Random(0).shuffle(pending)
        left_out = [item.job_id for item in pending[keep:]]
        db.set_multiple_results(
            left_out,
            WorkResult(output="Left out of a sample run", worker_outcome=WorkerOutcome.SKIPPED),
        )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
