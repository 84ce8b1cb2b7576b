"""Run independent tasks of a build on every core, in forked processes.

A task is a function without arguments. With ``fork`` the processes inherit everything
the parent holds (the catalogue, the processed photos), so nothing big is sent to them;
only a task's result travels back, pickled, and should be small. The parent runs its
share of the tasks itself while the others run in child processes. Without ``fork``
(Windows, macOS), in a daemonic process (which may have no children), on one CPU or with
``workers <= 1`` the tasks run here, in turn. A task's exception is raised in the parent;
a child that dies raises ``WorkerDied``. ``start`` runs one task in a child while this
process goes on with its own work. ``map_unordered`` runs one function over many small jobs
(the photos) in a pool, yielding each result as it comes, with a progress bar for long work.

Forking while other threads run (``mkdocs serve``'s server) is what the images stage's
process pool does too: a child only renders and writes files, and needs no lock another
thread could hold.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")
J = TypeVar("J")

_tasks: Sequence[Callable[[], Any]] = ()  # the tasks of the running ``run``, for its children


class WorkerDied(RuntimeError):
    """A child process stopped without a result (killed, out of memory, or ``os._exit``)."""


def cpu_count() -> int:
    """Return the number of CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Return whether child processes can be forked here: not on Windows or macOS, nor in a daemonic process."""
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and sys.platform != "darwin"  # macOS's system libraries break in forked children (Python spawns there)
        and not multiprocessing.current_process().daemon
    )


def workers_for(tasks: int, jobs: int | None = None) -> int:
    """Return how many processes to run ``tasks`` tasks in: ``jobs`` when given, else one per CPU.

    1 means in this process, in turn: also when ``fork`` is missing.
    """
    wanted = cpu_count() if jobs is None else jobs
    return max(1, min(wanted, tasks)) if can_fork() else 1


def run(tasks: Sequence[Callable[[], T]], workers: int) -> list[T]:
    """Return each task's result, in the order of ``tasks``, using up to ``workers`` processes.

    This process runs every ``workers``-th task (the first among them) while ``workers - 1``
    forked children share the others.
    """
    global _tasks
    workers = min(workers, len(tasks))
    if workers <= 1 or not can_fork() or _tasks:  # ``_tasks``: inside a run already (a task's own run)
        return [task() for task in tasks]
    _tasks = tasks
    gc.freeze()  # the children then leave the memory pages of the inherited objects alone
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:
            futures = {index: pool.submit(_run, index) for index in range(len(tasks)) if index % workers}
            try:
                here = {index: tasks[index]() for index in range(0, len(tasks), workers)}
            except BaseException:
                for future in futures.values():
                    future.cancel()
                raise
            try:
                return [here[index] if index in here else futures[index].result() for index in range(len(tasks))]
            except BrokenProcessPool as exc:
                raise WorkerDied(f"a build process stopped before it finished its work ({exc})") from exc
    finally:
        _tasks = ()
        gc.unfreeze()


def _run(index: int) -> Any:
    """Run task ``index`` of the running ``run`` (in a child); its exception is made picklable."""
    try:
        return _tasks[index]()
    except Exception as exc:
        sendable = _picklable(exc)
        if sendable is exc:
            raise
        raise sendable from None


def _picklable(exc: Exception) -> Exception:
    """Return ``exc`` if it survives pickling (to reach the parent), else a ``RuntimeError`` saying it."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


class Started(Generic[T]):
    """One task running in a forked child beside this process's own work (see ``start``)."""

    def __init__(self, task: Callable[[], T], here: bool = False) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        self._receive: Connection | None = None
        self._done: tuple[bool, Any] | None = None
        if here or not can_fork():
            self._done = _outcome_of(task)
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        gc.freeze()  # as in ``run``: the child leaves the inherited objects' memory pages alone
        try:
            self._process = context.Process(target=_send_outcome, args=(task, send), daemon=True)
            self._process.start()
        finally:
            gc.unfreeze()
            send.close()

    def result(self) -> T:
        """Wait for the task; return its result or raise its exception (``WorkerDied`` if the child died)."""
        if self._done is None:
            self._done = self._receive_outcome()
        ok, value = self._done
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        """Stop the child if it is still running (a failed build must not leave it writing)."""
        if self._process is not None and self._done is None:
            self._process.kill()
            self._process.join()
            self._done = (False, WorkerDied("the task was stopped"))

    def _receive_outcome(self) -> tuple[bool, Any]:
        """Wait for the child's (ok, value); a child that died sends nothing."""
        assert self._process is not None and self._receive is not None
        try:
            outcome: tuple[bool, Any] | None = self._receive.recv()
        except EOFError:
            outcome = None
        finally:
            self._receive.close()
            self._process.join()
        if outcome is None:
            code = self._process.exitcode
            return False, WorkerDied(f"a build process stopped before it finished its work (exit code {code})")
        return outcome


def start(task: Callable[[], T], *, here: bool = False) -> Started[T]:
    """Start ``task`` in a forked child and return at once; ``.result()`` waits for it.

    For work beside the build's own that needs the build's objects but sends little back
    (writing files). With ``here`` (``Shortcuts.parallel`` off), or without ``fork`` (see
    ``can_fork``), the task runs here, now.
    """
    return Started(task, here)


def _outcome_of(task: Callable[[], T]) -> tuple[bool, Any]:
    """Run ``task``; return (True, result) or (False, its exception)."""
    try:
        return True, task()
    except Exception as exc:
        return False, exc


def _send_outcome(task: Callable[[], Any], send: Connection) -> None:
    """Run ``task`` (in the child) and send (ok, result or picklable exception) to the parent."""
    ok, value = _outcome_of(task)
    send.send((ok, value if ok else _picklable(value)))
    send.close()


def map_unordered(
    work: Callable[[J], T],
    jobs: Sequence[J],
    workers: int,
    *,
    crashed: Callable[[J, BaseException], T],
    progress: str | None = None,
) -> Iterator[T]:
    """Yield ``work(job)`` for every job as it finishes, in up to ``workers`` processes.

    ``work`` must be a module-level function (it is sent to the pool's processes) that never
    raises for a bad job; a worker process that dies yields ``crashed(job, error)`` instead.
    With ``workers <= 1`` the jobs run here, in turn. ``progress`` names a bar drawn on stderr.
    """
    if workers <= 1 or len(jobs) <= 1:
        yield from _with_progress((work(job) for job in jobs), len(jobs), progress)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        futures = {pool.submit(work, job): job for job in jobs}
        yield from _with_progress(_gather(futures, crashed), len(jobs), progress)


def _gather(futures: dict[Future[T], J], crashed: Callable[[J, BaseException], T]) -> Iterator[T]:
    """Yield results as workers finish; a crashed worker's job becomes ``crashed(job, error)``."""
    for future in as_completed(futures):
        try:
            yield future.result()
        except (BrokenProcessPool, OSError) as error:
            yield crashed(futures[future], error)


def _with_progress(results: Iterable[T], total: int, label: str | None) -> Iterator[T]:
    """Yield ``results``, drawing a progress bar named ``label`` on stderr (none without a label)."""
    if label is None:
        yield from results
        return
    from rich.console import Console  # rich only when a bar is drawn: most runs have none
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        for result in results:
            bar.advance(task)
            yield result
