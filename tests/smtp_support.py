"""A real SMTP server on loopback (aiosmtpd) for the notification tests: it keeps what it
receives, and can be told to refuse (451) to show that the outbox keeps and retries."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from email.policy import default
from typing import Any

from aiosmtpd.controller import Controller


class Inbox:
    """The aiosmtpd handler: the received messages, or a refusal while `refusing`."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.refusing = False
        self.refused = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refusing:
            self.refused += 1
            return "451 4.3.0 Try again later"
        self.messages.append(email.message_from_bytes(envelope.content, policy=default))
        return "250 OK"

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    """Start aiosmtpd on 127.0.0.1 and a free port; stop it afterwards."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
