"""Worker processes that work through their tasks in order; one that dies or overruns its time
is replaced.

multiprocessing.Pool hangs for ever on a task whose worker died, and concurrent.futures breaks
the whole pool; here each worker has its own pipe and a short queue of tasks that it answers in
order, so the parent always knows which task a dead or stuck worker was on: that task fails
alone, the ones queued behind it go to the new worker.
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

DEPTH = 3  # tasks sent ahead to each worker
TICK = 0.2  # seconds: how often a waiting parent looks at the clock, the signals and the progress bar
GRACE = 2.0  # seconds a worker has to stop on SIGTERM before it is killed
BACKSTOP = 30  # seconds past the time limit after which a worker whose parent is gone kills itself

# handler(setup, state, task) → outcome, run in a worker. `setup` is fixed for the pool's life,
# `state` is whatever the parent last shared (None before that).
Handler = Callable[[Any, Any, Any], Any]


class Failure(NamedTuple):
    """A task whose worker died or ran out of time. `stopped`: the worker was ended by SIGTERM
    (a `kill` of the process group, a service manager stopping the run): the file is not to
    blame, and the caller should stop as if it had been told to."""

    reason: str
    stopped: bool = False


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


def _serve(conn: Connection, handler: Handler, setup: Any, backstop: int, inherited: list[Connection]) -> None:
    for other in inherited:  # a forked worker holding the parent's end of a pipe would never see it close
        other.close()
    # Ctrl-C and a closed terminal reach the whole process group: the parent decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop)
    state = None
    while True:
        try:
            kind, payload = _get(conn)
        except (EOFError, OSError):
            return  # the parent has gone: stop between tasks
        if kind == "state":
            state = payload
            continue
        if hasattr(signal, "alarm"):
            # SIGALRM's default action ends the process even inside C code: a worker whose parent
            # was killed cannot spin for ever on a pathological page.
            signal.alarm(backstop)
        outcome = handler(setup, state, payload)
        if hasattr(signal, "alarm"):
            signal.alarm(0)
        try:
            _put(conn, outcome)
        except OSError:
            return


class _Worker(NamedTuple):
    process: Any  # multiprocessing.Process
    conn: Connection


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
        self._workers: list[_Worker] = []
        # Only the pipes are watched: a worker that dies closes its end, so its pipe wakes us too.
        self._selector = selectors.DefaultSelector()
        for slot in range(jobs):
            self._workers.append(self._start())
            self._selector.register(self._workers[slot].conn, selectors.EVENT_READ, slot)
        # Tasks sent to each worker and not yet answered, oldest (the one it is on) first; when
        # that one started. A few tasks queued per worker hide the round trip between files.
        self._queues: list[deque[tuple[int, Any]]] = [deque() for _ in range(jobs)]
        self._started = [0.0] * jobs

    def _start(self) -> _Worker:
        ours, theirs = self._ctx.Pipe()
        inherited = [w.conn for w in self._workers] + [ours] if self._ctx.get_start_method() == "fork" else []
        process = self._ctx.Process(
            target=_serve,
            args=(theirs, self._handler, self._setup, math.ceil(self._timeout) + BACKSTOP, inherited),
            daemon=True,
        )
        for stream in (sys.stdout, sys.stderr):  # or a forked worker would write their buffers again
            if stream is not None:
                stream.flush()
        process.start()
        theirs.close()
        if self._state is not None:
            _put(ours, ("state", self._state))
        return _Worker(process, ours)

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

    def map(self, tasks: Iterable[tuple[Any, Any]], window: int,
            stopped: Callable[[], bool] = lambda: False,
            tick: Callable[[], None] = lambda: None) -> Iterator[tuple[Any, Any]]:
        """Run (key, task) pairs; yield (key, outcome) in the order of `tasks`. A task of None
        needs no worker: its outcome is None. The outcome of a task whose worker died or overran
        is a Failure. At most `window` tasks are taken ahead of the oldest unfinished one, so one
        slow task holds back a bounded number of results. Returns early once `stopped()`."""
        source = iter(tasks)
        keys: dict[int, Any] = {}
        done: dict[int, Any] = {}
        ready: deque[tuple[int, Any]] = deque()  # taken, not yet sent (or sent to a worker that died)
        taken = given = 0  # tasks taken from the source; results yielded
        exhausted = False
        while True:
            while not stopped():
                if not ready:
                    if exhausted or taken - given >= window:
                        break
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
                    continue
                lengths = list(map(len, self._queues))
                slot = lengths.index(min(lengths))  # the least busy worker
                if lengths[slot] >= DEPTH:
                    break
                number, task = ready.popleft()
                if not self._send(slot, number, task):  # it has died since it last answered
                    ready.appendleft((number, task))
                    self._bury(slot, done, ready, _death)
            while given in done:
                yield keys.pop(given), done.pop(given)
                given += 1
            busy = any(self._queues)
            if stopped() or (exhausted and not ready and not busy and given == taken):
                return
            if busy:
                self._collect(done, ready)
            tick()

    def _send(self, slot: int, number: int, task: Any) -> bool:
        try:
            _put(self._workers[slot].conn, ("task", task))
        except OSError:
            return False
        if not self._queues[slot]:
            self._started[slot] = time.monotonic()
        self._queues[slot].append((number, task))
        return True

    def _collect(self, done: dict[int, Any], ready: deque[tuple[int, Any]]) -> None:
        """Wait (briefly) for workers; record what they finished, and what killed or hung them."""
        first = min([start for start, queue in zip(self._started, self._queues, strict=True) if queue])
        first_deadline = first + self._timeout
        events = self._selector.select(max(0.0, min(TICK, first_deadline - time.monotonic())))
        woken = {key.data for key, _ in events}
        now = time.monotonic()
        for slot, queue in enumerate(self._queues):
            if slot in woken:
                try:
                    outcome = _get(self._workers[slot].conn)  # one answer; the selector says if there is another
                except (EOFError, OSError):  # its end of the pipe closed: it died
                    self._bury(slot, done, ready, _death)
                    continue
                if queue:
                    done[queue.popleft()[0]] = outcome
                    self._started[slot] = now
            elif queue and now - self._started[slot] > self._timeout:
                self._bury(slot, done, ready,
                           lambda _: f"took longer than {self._timeout:g} s (--timeout); its worker was stopped")

    def _bury(self, slot: int, done: dict[int, Any], ready: deque[tuple[int, Any]],
              why: Callable[[Any], str]) -> None:
        """Replace a worker that died or overran: the answers it sent before are taken, the task
        it was on fails (why(process) says why), the tasks queued behind it go to its successor."""
        worker, queue = self._workers[slot], self._queues[slot]
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        try:
            while queue and worker.conn.poll():
                done[queue.popleft()[0]] = _get(worker.conn)
        except (EOFError, OSError):
            pass
        if queue:
            done[queue.popleft()[0]] = Failure(why(worker.process), _told_to_stop(worker.process))
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
