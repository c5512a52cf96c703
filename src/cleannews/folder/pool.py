"""Worker processes that work through their tasks in order; one that dies or overruns its time
is replaced.

multiprocessing.Pool hangs for ever on a task whose worker died, and concurrent.futures breaks
the whole pool; here each worker has its own pipe and a short queue of tasks that it answers in
order, so the parent always knows which task a dead or stuck worker was on: that task fails
alone, the ones queued behind it go to the new worker.

Tasks go to a worker several to a message, and it answers a message's tasks in one message: a
page of a crawl is cleaned in a couple of milliseconds, and the parent, which also reads the
crawl and writes what comes back, pays for every message it sends and every time an answer
wakes it, on a core it shares with the workers. A message holds about BATCH seconds of work by
the pace so far (one task, for slow pages). Which task a worker is on, and since when, it notes
in memory shared with the parent (no message, no system call): the task that killed it or ran
out of time is known exactly even when the answers before it were not sent yet (those are
done again by its successor). A task of many parts (a part of an archive: its records)
notes the part it is on too (step()), with its own time, so that the time limit is each
part's and a failure says which part failed; the caller's `settle` may then run the task again
in another form (Again), the failed part left out.
"""

from __future__ import annotations

import math
import multiprocessing
import pickle
import selectors
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Any, NamedTuple

DEPTH = 2  # messages of tasks sent ahead to each worker: the one it is on, and the next
BATCH = 0.05  # seconds of work a message of tasks holds, by the pace so far
MOST = 16  # tasks in one message at most
TICK = 0.2  # seconds: how often a waiting parent looks at the clock, the signals and the progress bar
GRACE = 2.0  # seconds a worker has to stop on SIGTERM before it is killed
BACKSTOP = 30  # seconds past the time limit after which a worker whose parent is gone kills itself

# handler(setup, state, task) → outcome, run in a worker. `setup` is fixed for the pool's life,
# `state` is whatever the parent last shared (None before that).
Handler = Callable[[Any, Any, Any], Any]


class Failure(NamedTuple):
    """A task whose worker died or ran out of time. `stopped`: the worker was ended by SIGTERM
    (a `kill` of the process group, a service manager stopping the run): the file is not to
    blame, and the caller should stop as if it had been told to. `part`: the part of the task
    it was on (step())."""

    reason: str
    stopped: bool = False
    part: int = 0


class Again(NamedTuple):
    """What map()'s `settle` returns to run `task` in the place of the one it was given."""

    task: Any


# In a worker: what it shares with the parent of the task it is on (see _Worker.progress).
_progress: Any = None


def step(part: int) -> None:
    """In a worker's handler: it starts part `part` of its task (counted from 0). The time
    limit is then each part's, and a Failure names the part."""
    _progress[1] = time.monotonic()
    _progress[2] = part


def _told_to_stop(process: Any) -> bool:
    """Ended by SIGTERM: by its handler (exit status 128 + 15) or, before that was set, by
    the signal itself."""
    return process.exitcode in (128 + signal.SIGTERM, -signal.SIGTERM)


def _put(conn: Connection, message: Any) -> None:
    """Send with plain pickle: Connection.send's reduction, for the sockets and descriptors
    that no task holds, costs a third of a small task's round trip."""
    conn.send_bytes(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))


def _get(conn: Connection) -> Any:
    return pickle.loads(conn.recv_bytes())


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds, so that `finally` removes a half-written temporary file


def _serve(conn: Connection, handler: Handler, setup: Any, backstop: int, inherited: list[Connection],
           progress: Any) -> None:
    global _progress
    _progress = progress
    for other in inherited:  # a forked worker holding the parent's end of a pipe would never see it close
        other.close()
    # Ctrl-C and a closed terminal reach the whole process group: the parent decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop)
    state = None
    seq = 0  # tasks taken so far
    while True:
        try:
            kind, payload = _get(conn)
        except (EOFError, OSError):
            return  # the parent has gone: stop between tasks
        if kind == "state":
            state = payload
            continue
        outcomes = []
        for task in payload:
            # The time first: a parent that sees the new number sees its time (_Worker.on).
            progress[1] = time.monotonic()
            progress[2] = 0
            progress[0] = seq
            if hasattr(signal, "alarm"):
                # SIGALRM's default action ends the process even inside C code: a worker whose
                # parent was killed cannot spin for ever on a pathological page.
                signal.alarm(backstop)
            outcomes.append(handler(setup, state, task))
            if hasattr(signal, "alarm"):
                signal.alarm(0)
            seq += 1
        try:
            _put(conn, outcomes)
        except OSError:
            return


class _Worker:
    """A worker process, its pipe, and what the parent knows of its work."""

    def __init__(self, process: Any, conn: Connection, progress: Any) -> None:
        self.process = process  # multiprocessing.Process
        self.conn = conn
        # Shared with the worker: the number of the task it is on (counted from 0 since it
        # started), when it started it or its part (time.monotonic()), and the part (step()).
        self.progress = progress
        self.queue: deque[tuple[int, Any]] = deque()  # tasks sent, not answered, oldest first
        self.messages: deque[int] = deque()  # how many tasks each message not answered holds
        self.answered = 0  # tasks it has answered: the number of the oldest in the queue
        self.since = 0.0  # when the oldest message became the one it works on

    def on(self) -> tuple[int, float, int]:
        """Where in the queue the task it is on is, since when, and the part of it."""
        seq = int(self.progress[0])  # read before the time, which the worker writes first
        started, part = self.progress[1], int(self.progress[2])
        if 0 <= seq - self.answered < len(self.queue):
            return seq - self.answered, started, part
        return 0, self.since, 0  # it has not taken its next message yet


def _death(process: Any) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"the worker cleaning it died ({signal.Signals(-code).name})"
        except ValueError:
            pass
    return f"the worker cleaning it died (exit status {code})"


class Pool:
    """`jobs` worker processes running `handler`, each task limited to `timeout` seconds."""

    def __init__(self, jobs: int, timeout: float, handler: Handler, setup: Any) -> None:
        methods = multiprocessing.get_all_start_methods()
        # fork: workers start in milliseconds and share the parent's loaded code and rules.
        self._ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._timeout = timeout
        self._handler = handler
        self._setup = setup
        self._state: Any = None
        self._pace: float | None = None  # seconds a task has taken, lately (a moving average)
        self._workers: list[_Worker] = []
        # Only the pipes are watched: a worker that dies closes its end, so its pipe wakes us too.
        self._selector = selectors.DefaultSelector()
        for slot in range(jobs):
            self._workers.append(self._start())
            self._selector.register(self._workers[slot].conn, selectors.EVENT_READ, slot)

    def _start(self) -> _Worker:
        ours, theirs = self._ctx.Pipe()
        inherited = [w.conn for w in self._workers] + [ours] if self._ctx.get_start_method() == "fork" else []
        progress = self._ctx.RawArray("d", [-1.0, 0.0, 0.0])
        process = self._ctx.Process(
            target=_serve,
            args=(theirs, self._handler, self._setup, math.ceil(self._timeout) + BACKSTOP, inherited, progress),
            daemon=True,
        )
        for stream in (sys.stdout, sys.stderr):  # or a forked worker would write their buffers again
            if stream is not None:
                stream.flush()
        process.start()
        theirs.close()
        if self._state is not None:
            _put(ours, ("state", self._state))
        return _Worker(process, ours, progress)

    def _replace(self, slot: int) -> None:
        old = self._workers[slot]
        self._selector.unregister(old.conn)
        if old.process.is_alive():
            old.process.kill()
        old.process.join()
        old.conn.close()
        self._workers[slot] = self._start()
        self._selector.register(self._workers[slot].conn, selectors.EVENT_READ, slot)

    def share(self, state: Any) -> None:
        """Give every worker, and every worker started later, `state` (between map() calls)."""
        self._state = state
        for slot, w in enumerate(self._workers):
            try:
                _put(w.conn, ("state", state))
            except OSError:  # it died while idle: its successor is given the state as it starts
                self._replace(slot)

    def _batch(self, window: int) -> int:
        """How many tasks the next message holds: about BATCH seconds of work at the pace so
        far (one until a task has been timed), and no more than lets every worker have DEPTH
        messages within the window."""
        most = max(1, min(MOST, window // (DEPTH * len(self._workers))))
        return 1 if self._pace is None else max(1, min(most, int(BATCH / max(self._pace, 1e-6))))

    def map(self, tasks: Iterable[tuple[Any, Any]], window: int,
            stopped: Callable[[], bool] = lambda: False,
            tick: Callable[[], None] = lambda: None,
            settle: Callable[[Any, Any], Any] | None = None) -> Iterator[tuple[Any, Any]]:
        """Run (key, task) pairs; yield (key, outcome) in the order of `tasks`. A task of None
        needs no worker: its outcome is None. The outcome of a task whose worker died or overran
        is a Failure. At most `window` tasks are taken ahead of the oldest unfinished one, so one
        slow task holds back a bounded number of results. Returns early once `stopped()`.
        `tick()` is called whenever it is about to wait for the workers, and at least every TICK
        seconds while it waits. `settle(key, outcome)`, called in order as each outcome is
        about to be yielded, gives what is yielded instead, or Again(task) to run `task` in
        the place of the one that gave it (its outcome settled in turn)."""
        source = iter(tasks)
        keys: dict[int, Any] = {}
        done: dict[int, Any] = {}
        ready: deque[tuple[int, Any]] = deque()  # taken, not yet sent (or sent to a worker that died)
        taken = given = 0  # tasks taken from the source; results yielded
        exhausted = False
        while True:
            while not stopped():
                free = [w for w in self._workers if len(w.messages) < DEPTH]
                if not free:
                    break
                worker = min(free, key=lambda w: len(w.queue))  # the least busy
                size = self._batch(window)
                while len(ready) < size and not exhausted and taken - given < window:
                    try:
                        key, task = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    keys[taken] = key
                    if task is None:
                        done[taken] = None
                    else:
                        ready.append((taken, task))
                    taken += 1
                if not ready:
                    break
                batch = [ready.popleft() for _ in range(min(size, len(ready)))]
                if not self._send(worker, batch):  # it has died since it last answered
                    ready.extendleft(reversed(batch))
                    self._bury(self._workers.index(worker), done, ready, _death)
            while given in done:
                outcome = done.pop(given)
                if settle is not None:
                    outcome = settle(keys[given], outcome)
                    if isinstance(outcome, Again):
                        ready.appendleft((given, outcome.task))
                        break
                yield keys.pop(given), outcome
                given += 1
            busy = any(w.queue for w in self._workers)
            if stopped() or (exhausted and not ready and not busy and given == taken):
                return
            tick()  # before the wait: what the caller holds of the results goes out now
            if busy:
                self._collect(done, ready)

    def _send(self, worker: _Worker, batch: list[tuple[int, Any]]) -> bool:
        try:
            _put(worker.conn, ("tasks", [task for _, task in batch]))
        except OSError:
            return False
        if not worker.queue:
            worker.since = time.monotonic()
        worker.queue.extend(batch)
        worker.messages.append(len(batch))
        return True

    def _answered(self, worker: _Worker, outcomes: list[Any], done: dict[int, Any]) -> None:
        """Record a message of answers (to the oldest message of tasks)."""
        for outcome in outcomes:
            done[worker.queue.popleft()[0]] = outcome
        worker.answered += len(outcomes)
        worker.messages.popleft()

    def _collect(self, done: dict[int, Any], ready: deque[tuple[int, Any]]) -> None:
        """Wait (briefly) for workers; record what they finished, and what killed or hung them."""
        first = min([w.since for w in self._workers if w.queue])
        events = self._selector.select(max(0.0, min(TICK, first + self._timeout - time.monotonic())))
        woken = {key.data for key, _ in events}
        now = time.monotonic()
        for slot, worker in enumerate(self._workers):
            if slot in woken:
                try:
                    outcomes = _get(worker.conn)  # one message; the selector says if there is another
                except (EOFError, OSError):  # its end of the pipe closed: it died
                    self._bury(slot, done, ready, _death)
                    continue
                if worker.queue:
                    pace = (now - worker.since) / len(outcomes)
                    self._pace = pace if self._pace is None else 0.8 * self._pace + 0.2 * pace
                    self._answered(worker, outcomes, done)
                    worker.since = now
            elif worker.queue and now - worker.on()[1] > self._timeout:
                self._bury(slot, done, ready,
                           lambda _: f"took longer than {self._timeout:g} s (--timeout); its worker was stopped")

    def _bury(self, slot: int, done: dict[int, Any], ready: deque[tuple[int, Any]],
              why: Callable[[Any], str]) -> None:
        """Replace a worker that died or overran: the answers it sent before are taken, the task
        it was on fails (why(process) says why), the tasks before it whose answers it had not
        sent and those queued behind it go to its successor."""
        worker = self._workers[slot]
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        try:
            while worker.queue and worker.conn.poll():
                self._answered(worker, _get(worker.conn), done)
        except (EOFError, OSError):
            pass
        queue = worker.queue
        if queue:
            at, _, part = worker.on()
            queue.rotate(-at)  # the one it was on first, those it had done last
            done[queue.popleft()[0]] = Failure(why(worker.process), _told_to_stop(worker.process), part)
            queue.rotate(at)
        ready.extendleft(reversed(queue))
        queue.clear()
        self._replace(slot)

    def close(self, interrupt: bool = False) -> None:
        """Stop the workers: let them finish (their pipes close), or on an interrupt ask them to
        stop now (SIGTERM), and kill those that do not within a moment."""
        for w in self._workers:
            if interrupt and w.process.is_alive():
                w.process.terminate()
            w.conn.close()
        deadline = time.monotonic() + GRACE
        for w in self._workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
        self._workers = []
        self._selector.close()
