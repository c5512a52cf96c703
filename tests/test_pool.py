"""The pool's tasks of many parts: a worker notes the part it is on (pool.step), a failure names
that part, and the caller's `settle` can run the task again in another form (Again), in its
place in the order."""

from __future__ import annotations

import os
import signal
import time
from typing import Any

from cleannews.folder.pool import Again, Failure, Pool, step

HANG = 60  # seconds a hanging part sleeps: far past the pool's time limit


def _parts(setup: object, state: object, task: tuple[str, int, dict[int, str]]) -> list[str]:
    """A task of parts: each part is answered, but a part named in `bad` kills or hangs the
    worker (unless the task says to leave it out)."""
    name, count, leave_out = task
    done = []
    for part in range(count):
        step(part)
        if part in leave_out:
            done.append(f"{name}{part}: left out ({leave_out[part]})")
            continue
        if (name, part) == ("b", 2):
            os.kill(os.getpid(), signal.SIGKILL)
        if (name, part) == ("c", 1):
            time.sleep(HANG)
        if name == "c":
            time.sleep(1.2)  # under the limit, which is each part's: three parts are past it
        done.append(f"{name}{part}")
    return done


def test_a_failure_names_the_part_and_the_task_runs_again_in_its_place() -> None:
    settled: list[Any] = []

    def settle(key: str, outcome: Any) -> Any:
        settled.append((key, outcome))
        if isinstance(outcome, Failure):
            name, count, leave_out = tasks[key]
            tasks[key] = (name, count, {**leave_out, outcome.part: outcome.reason.split(" (")[0]})
            return Again(tasks[key])
        return outcome

    tasks: dict[str, tuple[str, int, dict[int, str]]] = {name: (name, 4, {}) for name in "abcd"}
    # 3 s, not less: a replacement worker's start counts against its first task's first part
    pool = Pool(1, 3, _parts, None)
    try:
        results = list(pool.map([(name, tasks[name]) for name in "abcd"], window=8, settle=settle))
    finally:
        pool.close()
    assert [key for key, _ in results] == list("abcd")  # in order, each once
    assert dict(results) == {
        "a": ["a0", "a1", "a2", "a3"],
        "b": ["b0", "b1", "b2: left out (the worker cleaning it died)", "b3"],
        "c": ["c0", "c1: left out (took longer than 3 s)", "c2", "c3"],
        "d": ["d0", "d1", "d2", "d3"],
    }
    failures = [(key, outcome.part) for key, outcome in settled if isinstance(outcome, Failure)]
    assert failures == [("b", 2), ("c", 1)]
