"""Run a parse in a child process with a time limit and a memory cap.

PDF parsers are large and a hostile file can make any of them loop, recurse or allocate without
end. The child is forked (from the caller when it is single-threaded, else from a clean forkserver
process), gets an address-space cap, and is killed when it runs out of time. The caller gets the
result, or a :class:`ReadingError` that says what happened.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from typing import Any

from coitrack.reading.errors import ReadingError

DEFAULT_TIMEOUT = 30.0  # seconds; a certificate reads in well under one
DEFAULT_MEMORY = 1536 * 1024 * 1024  # bytes of address space above what the child starts with

_forkserver = None


def _get_context():
    """``fork`` from a single-threaded caller (fast, and nothing is re-imported); from a
    multi-threaded one (a web or task worker) a clean forkserver process does the forking,
    since forking a threaded process can deadlock the child on a lock another thread held.
    The forkserver, like all of multiprocessing, imports the caller's main module: scripts
    need the usual ``if __name__ == "__main__":`` guard."""
    global _forkserver
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if _forkserver is None:
        if "forkserver" in methods:
            _forkserver = multiprocessing.get_context("forkserver")
            _forkserver.set_forkserver_preload(["coitrack.reading.preload"])
        else:
            _forkserver = multiprocessing.get_context("spawn")
    return _forkserver


def run(
    func: Callable[..., Any],
    *args: Any,
    timeout: float = DEFAULT_TIMEOUT,
    memory: int = DEFAULT_MEMORY,
    name: str = "document",
) -> Any:
    """``func(*args)`` in a child process; ReadingError on timeout, crash or memory exhaustion.

    ``func`` must be a module-level function; ReadingError raised inside is passed through.
    """
    context = _get_context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, func, args, memory), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise ReadingError(f"{name}: reading took longer than {timeout:g} s; file refused")
        try:
            status, payload = receiver.recv()
        except EOFError:
            raise ReadingError(
                f"{name}: the reader stopped on this file (damaged or hostile PDF, or it needed "
                "too much memory); file refused"
            ) from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
    if status == "ok":
        return payload
    if status == "memory":
        raise ReadingError(f"{name}: reading needed too much memory; file refused")
    raise ReadingError(payload)


def _child(sender, func, args, memory: int) -> None:
    _cap_memory(memory)
    try:
        result = ("ok", func(*args))
    except ReadingError as error:
        result = ("error", str(error))
    except MemoryError:
        result = ("memory", "")
    except BaseException as error:
        result = ("error", f"unexpected error while reading ({type(error).__name__}: {error})")
    try:
        sender.send(result)
    finally:
        sender.close()


def _cap_memory(extra: int) -> None:
    try:
        import resource

        with open(f"/proc/{os.getpid()}/statm") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = current + extra
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError):
        pass  # no /proc or no setrlimit (not Linux): the time limit still applies
