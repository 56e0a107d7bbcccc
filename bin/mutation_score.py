"""One module's mutation score from a cosmic-ray session (called by bin/mutation).

Prints "name: N mutants, K killed, S survived … — score %" and writes every survivor (file,
line, operator, diff) to the survivors file. Mutants skipped by the operator filter do not
count; incompetent ones (the mutated code does not even load) are reported apart.
"""

import json
import subprocess
import sys
from collections import Counter


def main(name: str, session: str, survivors_path: str, seconds: str) -> None:
    dump = subprocess.run(
        ["cosmic-ray", "dump", session], capture_output=True, text=True, check=True
    ).stdout
    outcomes, survivors = Counter(), []
    for line in dump.splitlines():
        item, result = json.loads(line)
        if not result or result.get("worker_outcome") == "skipped":
            continue
        outcome = result.get("test_outcome") or result.get("worker_outcome") or "pending"
        outcomes[outcome] += 1
        if outcome == "survived":
            mutation = item["mutations"][0]
            survivors.append(
                f"{mutation['module_path']}:{mutation['start_pos'][0]} "
                f"{mutation['operator_name']} in {mutation['definition_name']}\n"
                f"{result.get('diff') or ''}\n"
            )
    with open(survivors_path, "w", encoding="utf-8") as out:
        out.write("\n".join(survivors))
    killed, survived = outcomes["killed"], outcomes["survived"]
    tested = killed + survived
    score = f"{100 * killed / tested:.1f} %" if tested else "n/a"
    others = ", ".join(
        f"{n} {what}" for what, n in sorted(outcomes.items()) if what not in ("killed", "survived")
    )
    minutes = int(seconds) // 60
    print(
        f"{name:12} {sum(outcomes.values()):4} mutants: {killed} killed, {survived} survived"
        f"{', ' + others if others else ''} — {score} killed ({minutes} min)"
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
