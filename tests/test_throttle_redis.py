"""Login throttling is shared across processes through Redis when REDIS_URL is set."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid

import pytest

from config import TestConfig
from heltidnett import create_app
from heltidnett.extensions import db

REDIS = os.environ.get("TEST_REDIS_URL")
pytestmark = pytest.mark.skipif(
    not REDIS, reason="set TEST_REDIS_URL to test throttling through Redis"
)


def test_failures_in_one_process_throttle_another(tmp_path):
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    url = f"sqlite:///{tmp_path / 'redis.db'}"

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = url
        REDIS_URL = REDIS
        RATELIMIT_KEY_PREFIX = prefix
        WTF_CSRF_ENABLED = False

    app = create_app(Config)
    assert app.config["RATELIMIT_STORAGE_URI"] == REDIS
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
    client = app.test_client()
    for _ in range(5):
        response = client.post(
            "/login", data={"email": "ola@example.org", "password": "feil passord!"}
        )
        assert response.status_code == 200
    other_process = textwrap.dedent(
        f"""
        from config import TestConfig
        from heltidnett import create_app

        class Config(TestConfig):
            SQLALCHEMY_DATABASE_URI = {url!r}
            REDIS_URL = {REDIS!r}
            RATELIMIT_KEY_PREFIX = {prefix!r}
            WTF_CSRF_ENABLED = False

        app = create_app(Config)
        response = app.test_client().post(
            "/login", data={{"email": "ola@example.org", "password": "feil passord!"}},
            environ_base={{"REMOTE_ADDR": "10.9.8.7"}},
        )
        print(response.status_code)
        """
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", other_process],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "429"
    with app.app_context():
        db.engine.dispose()
