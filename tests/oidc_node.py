"""The real OpenID provider of the tests: tests/oidc_provider.mjs (the npm package
`oidc-provider`) run by Node.js on a free loopback port, and a walk through its login.

Node.js 20 or later and `npm ci` (node_modules) are needed: the tests skip without them,
and fail when REQUIRE_BROWSER is set (CI and `make test`, which runs `npm ci`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "oidc_provider.mjs"
CLIENT_ID = "heltidnett-node"
CLIENT_SECRET = "node-client-secret"
NODE_MAJOR = 20


def _unavailable(message: str) -> None:
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"The OpenID provider tests need it: {message}")
    pytest.skip(message)


def require_node() -> str:
    """The node binary, at least version 20, with oidc-provider installed; else skip (or fail
    when REQUIRE_BROWSER is set)."""
    node = shutil.which("node")
    if node is None:
        _unavailable("node is not installed (apt-get install nodejs npm, then npm ci)")
        raise AssertionError  # unreachable: pytest.skip and pytest.fail raise
    version = subprocess.run(  # noqa: S603 - the node found on PATH, asked its version
        [node, "--version"], capture_output=True, text=True, check=False
    )
    found = re.match(r"v(\d+)\.", version.stdout.strip())
    if found is None or int(found.group(1)) < NODE_MAJOR:
        _unavailable(
            f"node {version.stdout.strip() or '?'} is too old: oidc-provider needs "
            f"Node.js {NODE_MAJOR} or later"
        )
    if not (ROOT / "node_modules" / "oidc-provider" / "package.json").exists():
        _unavailable("node_modules/oidc-provider is missing: run `npm ci`")
    return node


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class NodeProvider:
    """A running oidc-provider: its issuer, and the ID tokens it hands out bent on request."""

    def __init__(self, process: subprocess.Popen[str], issuer: str, log: Any) -> None:
        self.process = process
        self.issuer = issuer
        self.log = log  # what node printed

    def output(self) -> str:
        self.log.seek(0)
        return str(self.log.read())

    def bend(self, claims: dict[str, object] | None = None, stranger: bool = False) -> None:
        """Change the next ID tokens' claims (None removes one), or sign them with a key the
        JWKS does not hold; bend() with nothing makes them honest again."""
        response = requests.post(
            self.issuer + "/__test/bend",
            data=json.dumps({"claims": claims or {}, "stranger": stranger}),
            timeout=5,
        )
        response.raise_for_status()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.log.close()


@contextmanager
def node_provider(redirect_uris: list[str], post_logout: list[str]) -> Iterator[NodeProvider]:
    """Start tests/oidc_provider.mjs with one client and wait until its discovery answers."""
    node = require_node()
    port = free_port()
    config = {
        "port": port,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": redirect_uris,
        "post_logout_redirect_uris": post_logout,
    }
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed by NodeProvider.stop
    process = subprocess.Popen(  # noqa: S603 - our own script, our own arguments
        [node, str(SCRIPT), json.dumps(config)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    provider = NodeProvider(process, f"http://127.0.0.1:{port}", log)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"oidc-provider stopped at the start:\n{provider.output()}")
            try:
                discovery = provider.issuer + "/.well-known/openid-configuration"
                if requests.get(discovery, timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("oidc-provider did not answer within 30 seconds")
            time.sleep(0.1)
        yield provider
    finally:
        provider.stop()


def walk_login(authorize_url: str, login: str, callback_prefix: str) -> str:
    """Go through the provider's login as a browser would (its own cookies), typing `login`
    on its form; returns the URL it sends the person back to (our callback)."""
    browser = requests.Session()
    url = authorize_url
    for _step in range(12):
        if url.startswith(callback_prefix):
            return url
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and "/interaction/" in url:
            response = browser.post(url, data={"login": login}, allow_redirects=False, timeout=10)
        assert response.status_code in (302, 303), (response.status_code, response.text[:500])
        url = urljoin(url, response.headers["Location"])
    raise AssertionError(f"the provider's login did not come back to {callback_prefix}")
