"""Linting in forked worker processes (``-j N``), with the same results in the same order as in one process.

Workers are forked with the task list in place (packs and configurations hold closures that do not pickle); a task
is named by its index and only its result travels back. What can go wrong is bounded:

* a worker dies with the process that started it (``PR_SET_PDEATHSIG`` on Linux): killing the run leaves none;
* Ctrl-C in the main process kills the workers at once (they ignore SIGINT themselves) and the run ends with 130;
* a worker that dies (killed for memory, a crash in a C library) costs only its own file: the files not done yet
  are each linted again in a process of its own, and only the one that kills that process too is ``worker-died``.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from typing import Any

from . import limits

_WORK: Callable[[Any], Any] | None = None  # set before forking, so the workers have it
_TASKS: list[Any] = []
_DONE: Any = None  # a shared counter of the tasks finished, for progress (results come back in chunks, in order)
POLL_SECONDS = 0.1


def _run_task(index: int) -> Any:
    assert _WORK is not None
    result = _WORK(_TASKS[index])
    if _DONE is not None:
        with _DONE.get_lock():
            _DONE.value += 1
    return result


def _worker_init(bounds: limits.Limits) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the main process, which ends the workers
    limits.current = bounds
    _die_with_parent()


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (elsewhere, nothing to ask)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def run(tasks: list[Any], jobs: int, work: Callable[[Any], Any], died: Callable[[Any], Any],
        finished: Callable[[], None] | None = None) -> Iterator[Any]:
    """``work(task)`` for every task in ``jobs`` forked workers, results in task order; ``died(task)`` is the result
    of a task whose process died. ``finished()`` is called once per task as it finishes, in whatever order (from a
    thread of this process), for a progress bar."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _WORK, _TASKS, _DONE
    context = multiprocessing.get_context("fork")
    _WORK, _TASKS, _DONE = work, tasks, context.Value("q", 0) if finished is not None else None
    watch = _Watch(_DONE, finished) if finished is not None else None
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init, initargs=(limits.current,))
    done = 0
    try:
        chunk = max(1, min(16, len(tasks) // (jobs * 8)))
        try:
            for result in pool.map(_run_task, range(len(tasks)), chunksize=chunk):
                done += 1
                yield result
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            for index in range(done, len(tasks)):  # alone, each in a process of its own
                result = _alone(context, index, died)
                if watch is not None:
                    watch.one_more()
                yield result
    except BaseException:  # Ctrl-C, or the consumer stopped: the workers go at once, not after their chunks
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if watch is not None:
            watch.stop(len(tasks))
        _WORK, _TASKS, _DONE = None, [], None


class _Watch:
    """A thread calling ``finished()`` for each task the workers have counted as done."""

    def __init__(self, counter: Any, finished: Callable[[], None]) -> None:
        import threading

        self.counter, self.finished, self.told, self.extra = counter, finished, 0, 0
        self.lock = threading.Lock()
        self.halt = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _poll(self) -> None:
        while not self.halt.wait(POLL_SECONDS):
            self._tell(self.counter.value + self.extra)

    def _tell(self, done: int) -> None:
        with self.lock:
            while self.told < done:
                self.told += 1
                self.finished()

    def one_more(self) -> None:
        """A task finished outside the pool (alone, after a worker died)."""
        self.extra += 1

    def stop(self, total: int) -> None:
        self.halt.set()
        self.thread.join()
        self._tell(total)


def _alone(context, index: int, died: Callable[[Any], Any]) -> Any:
    """Task ``index`` in a process of its own: its result, or ``died(task)`` if that process dies too."""
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(index, writer, limits.current))
    process.start()
    writer.close()
    try:
        result = reader.recv()
    except EOFError:  # it died before sending its result
        result = died(_TASKS[index])
    finally:
        reader.close()
        process.join()
    return result


def _child(index: int, writer, bounds: limits.Limits) -> None:
    _worker_init(bounds)
    try:
        writer.send(_run_task(index))
    finally:
        writer.close()
        os._exit(0)  # no cleanup of the parent's state (its spill files, atexit handlers) in the child
