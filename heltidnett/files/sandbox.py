"""Running a parser of untrusted files in a child process with memory and time limits.

A reader that aborts, runs out of memory or loops ends its own process, never the web
process: the caller gets ChildFailed and answers "the file cannot be read". Children are
forked from a forkserver that has the readers imported, so starting one is cheap. As with
any forkserver, a child imports the main script again (as `__mp_main__`): gunicorn's, flask's
and pytest's do nothing then; a script of one's own needs `if __name__ == "__main__":`.
"""

from __future__ import annotations

import multiprocessing
import resource
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

PRELOAD = ["heltidnett.staffing.importer", "heltidnett.files.sheets", "python_calamine"]
_context: Any = None


class ChildFailed(RuntimeError):
    """The child died (a crash, out of memory, over its CPU time) or took too long."""


@dataclass(frozen=True)
class ProcessLimits:
    """The child's address space (MB), CPU seconds and wall-clock seconds."""

    memory_mb: int
    cpu_seconds: int
    wall_seconds: float


class Message(str):
    """A message made in the child, kept with its msgid and placeholders so that the web
    process can translate it into the user's language."""

    msgid: str
    kwargs: dict[str, Any]


def defer(text: str, **kwargs: Any) -> Message:
    """A translator for the child: the Bokmål text, remembering what to translate."""
    message = Message(text % kwargs if kwargs else text)
    message.msgid = text
    message.kwargs = {k: v for k, v in kwargs.items()}
    return message


def translated(message: str, _: Callable[..., str]) -> str:
    """A deferred message in the user's language (placeholders translated first)."""
    if not isinstance(message, Message):
        return message
    return _(message.msgid, **{k: translated(v, _) for k, v in message.kwargs.items()})


def _get_context() -> Any:
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        _context = context
    return _context


def run(
    func: Callable[..., Any],
    args: tuple[Any, ...],
    limits: ProcessLimits,
    expected: tuple[type[BaseException], ...] = (),
) -> Any:
    """func(*args) in a child process; its result, or the `expected` exception it raised.
    Raises ChildFailed for anything else."""
    context = _get_context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(sender, func, args, limits, expected), daemon=True
    )
    process.start()
    sender.close()
    try:
        if not receiver.poll(limits.wall_seconds):
            raise ChildFailed("timeout")
        status, value = receiver.recv()
    except (EOFError, OSError) as error:
        raise ChildFailed("died") from error
    finally:
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()
        receiver.close()
        process.close()
    if status == "ok":
        return value
    if status == "refused":
        raise value
    raise ChildFailed(value)


def _child(
    sender: Connection,
    func: Callable[..., Any],
    args: tuple[Any, ...],
    limits: ProcessLimits,
    expected: tuple[type[BaseException], ...],
) -> None:
    """Limit this process, run func and send back ("ok", result), ("refused", exception) or
    ("failed", what)."""
    memory = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        outcome: tuple[str, Any] = ("ok", func(*args))
    except expected as error:
        outcome = ("refused", error)
    except BaseException as error:
        outcome = ("failed", type(error).__name__)
    try:
        sender.send(outcome)
    except BaseException:
        sender.send(("failed", "MemoryError"))
    sender.close()
