"""Benchmark a live poll under load (issue 16, item 6): many phones answer, one big screen.

Run: .venv/bin/python benchmarks/polls_load.py [--participants 150] [--questions 10]
       [--seconds 60] [--workers 2] [--database-url postgresql://...] [--redis-url redis://...]
It makes a fresh database (PostgreSQL by default, the demo loaded), a poll of ten questions
(scales, a single and a multiple choice, short phrases) in the living demo network, starts
gunicorn with several workers on loopback, and lets each participant join with the code (own
cookie jar: own device), choose a municipality and answer the questions one at a time, the
arrivals spread over the minute. The presenter, logged in as the facilitator, asks for the live
fragment every second as the big screen does. Prints errors, the answer latency (the POST and
the page it redirects to) median/p95/max, and the presenter lag: for each answer, the time from
its response until the presenter's fragment counted it. Figures only; nothing asserted.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = "benchmark-secret-key-" + "x" * 40  # a throwaway server on loopback

# Made inside the app (with the demo loaded): a ten-question poll, opened; its id, code, the
# questions' ids and kinds, the municipalities to choose from.
SETUP = """
import json
import sqlalchemy as sa
from config import config_from_env
from heltidnett import create_app
from heltidnett.extensions import db
from heltidnett.auth.models import User
from heltidnett.demo import load_demo
from heltidnett.gatherings.models import Gathering
from heltidnett.polls import services
from heltidnett.polls.models import PollTemplate, QuestionKind

app = create_app(config_from_env())
with app.test_request_context():
    ctx = load_demo(db.session)
    network = ctx.living_network
    gathering = db.session.scalars(
        sa.select(Gathering).where(Gathering.network_id == network.id).order_by(Gathering.id)
    ).first()
    actor = db.session.scalar(sa.select(User).where(User.email == "veileder@example.org"))
    poll = services.create_poll(db.session, actor, gathering, PollTemplate.CUSTOM, "Last")
    kinds = [QuestionKind.SCALE] * 6 + [QuestionKind.SINGLE, QuestionKind.MULTIPLE]
    kinds += [QuestionKind.TEXT] * {questions_minus_8}
    for n, kind in enumerate(kinds[:{questions}], start=1):
        choices = "" if kind in (QuestionKind.SCALE, QuestionKind.TEXT) else "Ja\\nNei\\nVet ikke"
        services.add_question(db.session, actor, poll, kind, f"Spørsmål {{n}}", choices)
    services.open_poll(db.session, actor, poll)
    db.session.commit()
    municipalities = [m.id for m in services.participant_municipalities(db.session, poll)]
    print(json.dumps({{
        "poll": poll.id,
        "code": poll.code,
        "questions": [[q.id, q.kind.value] for q in poll.questions],
        "municipalities": municipalities,
    }}))
"""

PHRASES = ["Samarbeid", "tillit", "Lederforankring", "Mer heltid", "turnus", "samarbeid"]
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
COUNTS = re.compile(r"\((\d+) svar\)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list[float] = field(default_factory=list)
    answered_at: list[float] = field(default_factory=list)  # when each answer's response came
    errors: list[str] = field(default_factory=list)
    seen: list[tuple[float, int]] = field(default_factory=list)  # presenter: when, how many

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


def client() -> urllib.request.OpenerDirector:
    """A phone: its own cookies (its own device)."""
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def participant(
    base: str,
    setup: dict,
    start: float,
    span: float,
    together: bool,
    results: Results,
    rng: random.Random,
) -> None:
    """Join at `start`, then answer (in one submit, or question by question) within `span`."""
    time.sleep(max(0.0, start - time.monotonic()))
    phone = client()
    url = f"{base}/p/{setup['code']}"
    try:
        page = phone.open(url, timeout=30).read().decode()
    except (urllib.error.URLError, OSError) as error:
        results.error(f"join: {error}")
        return
    municipality = rng.choice(setup["municipalities"])
    questions = setup["questions"]
    # as the page sends them: every answer in one submit; or each question on its own
    rounds = [questions] if together else [[question] for question in questions]
    pause = span / len(rounds)
    for asked in rounds:
        time.sleep(rng.uniform(0.2, 1.0) * pause)  # reading and thinking
        found = CSRF.search(page)
        if found is None:
            results.error("no csrf token on the answer page")
            return
        fields: list[tuple[str, str]] = [
            ("csrf_token", found.group(1)),
            ("municipality", str(municipality)),
        ]
        for question_id, kind in asked:
            fields += answer_fields(f"q{question_id}", kind, rng)
        body = urllib.parse.urlencode(fields).encode()
        began = time.monotonic()
        try:
            response = phone.open(url, data=body, timeout=60)
            page = response.read().decode()
            status = response.status
        except urllib.error.HTTPError as error:
            status, page = error.code, error.read().decode()
        except (urllib.error.URLError, OSError) as error:
            results.error(f"answer: {error}")
            continue
        done = time.monotonic()
        if status != 200 or "lagret" not in page:
            results.error(f"answer: HTTP {status}")
            continue
        with results.lock:
            results.latencies.append(done - began)
            results.answered_at += [done] * len(asked)


def answer_fields(name: str, kind: str, rng: random.Random) -> list[tuple[str, str]]:
    """A phone's answer to one question, by its kind."""
    if kind == "scale":
        return [(name, str(rng.randint(1, 10)))]
    if kind == "single":
        return [(name, str(rng.randint(0, 2)))]
    if kind == "multiple":
        return [(name, str(i)) for i in sorted(rng.sample(range(3), rng.randint(1, 3)))]
    return [(name, rng.choice(PHRASES))]


def presenter(
    base: str, setup: dict, email: str, password: str, stop: threading.Event, results: Results
) -> None:
    """The big screen: logged in, asks for the live fragment every second."""
    screen = client()
    login = screen.open(f"{base}/login", timeout=30).read().decode()
    found = CSRF.search(login)
    assert found is not None, "no csrf token on the login page"
    body = urllib.parse.urlencode(
        {"email": email, "password": password, "csrf_token": found.group(1)}
    ).encode()
    screen.open(f"{base}/login", data=body, timeout=30).read()
    live = f"{base}/polls/{setup['poll']}/live"
    while not stop.is_set():
        asked = time.monotonic()
        try:
            fragment = screen.open(live, timeout=30).read().decode()
        except (urllib.error.URLError, OSError) as error:
            results.error(f"presenter: {error}")
        else:
            counted = sum(int(n) for n in COUNTS.findall(fragment))
            if 'id="poll-live"' not in fragment:
                results.error("presenter: no live fragment (logged out?)")
            with results.lock:
                results.seen.append((time.monotonic(), counted))
        stop.wait(max(0.0, 1.0 - (time.monotonic() - asked)))


def presenter_lags(results: Results) -> list[float]:
    """For the k-th answer (by response time): until a fragment counted at least k answers."""
    lags = []
    seen = sorted(results.seen)
    index = 0
    for k, answered in enumerate(sorted(results.answered_at), start=1):
        while index < len(seen) and (seen[index][1] < k or seen[index][0] < answered):
            index += 1
        if index == len(seen):
            break
        lags.append(seen[index][0] - answered)
    return lags


def run(args: argparse.Namespace) -> None:
    env = {
        **os.environ,
        "HELTIDNETT_ENV": "production",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "SESSION_COOKIE_SECURE": "0",
        "PYTHONPATH": str(ROOT),
    }
    database = urllib.parse.urlparse(args.database_url)
    name = database.path.lstrip("/")
    host = ["-h", database.hostname or "127.0.0.1", "-U", database.username or "postgres"]
    subprocess.run(["dropdb", *host, "--if-exists", name], check=True)  # noqa: S603, S607
    subprocess.run(["createdb", *host, name], check=True)  # noqa: S603, S607
    bin_dir = Path(sys.executable).parent
    subprocess.run(  # noqa: S603
        [str(bin_dir / "flask"), "--app", "heltidnett", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    code = SETUP.format(questions=args.questions, questions_minus_8=max(0, args.questions - 8))
    made = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    setup = json.loads(made.stdout.strip().splitlines()[-1])
    port = free_port()
    gunicorn = shutil.which("gunicorn", path=str(bin_dir)) or "gunicorn"
    server = subprocess.Popen(  # noqa: S603
        [
            gunicorn,
            "--workers",
            str(args.workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(args.threads),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/p", timeout=2).read()  # noqa: S310
                break
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        results = Results()
        stop = threading.Event()
        screen = threading.Thread(
            target=presenter,
            args=(base, setup, "veileder@example.org", args.password, stop, results),
        )
        screen.start()
        rng = random.Random(16)  # answers, not secrets
        began = time.monotonic()
        arrivals = args.seconds / 3  # everyone has joined within the first third
        answering = args.seconds - arrivals - 5  # and answers within the rest, with margin
        phones = [
            threading.Thread(
                target=participant,
                args=(
                    base,
                    setup,
                    began + rng.uniform(0, arrivals),
                    answering,
                    not args.each,
                    results,
                    random.Random(n),
                ),
            )
            for n in range(args.participants)
        ]
        for phone in phones:
            phone.start()
        for phone in phones:
            phone.join()
        finished = time.monotonic() - began
        time.sleep(3)  # the screen's last look
        stop.set()
        screen.join()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    report(args, setup, results, finished)


def report(args: argparse.Namespace, setup: dict, results: Results, finished: float) -> None:
    submits = len(results.latencies)
    expected = args.participants * len(setup["questions"])
    lags = presenter_lags(results)
    print(
        f"{args.participants} participants x {len(setup['questions'])} questions over loopback, "
        f"{'one submit per question' if args.each else 'all answers in one submit'}, "
        f"gunicorn {args.workers} workers x {args.threads} threads, load average "
        f"{os.getloadavg()[0]:.1f}"
    )
    answers = len(results.answered_at)
    print(f"answers saved: {answers} of {expected} in {finished:.1f} s ({submits} submits)")
    print(f"errors: {len(results.errors)}")
    for text in sorted(set(results.errors))[:10]:
        print(f"  {results.errors.count(text)} x {text}")
    if results.latencies:
        print(
            "answer latency (submit and the page after): "
            f"median {statistics.median(results.latencies) * 1000:.0f} ms, "
            f"p95 {percentile(results.latencies, 0.95) * 1000:.0f} ms, "
            f"max {max(results.latencies) * 1000:.0f} ms"
        )
    if lags:
        print(
            f"presenter lag (fragment asked every 1 s): median {statistics.median(lags):.2f} s, "
            f"p95 {percentile(lags, 0.95):.2f} s, max {max(lags):.2f} s"
        )
    final = results.seen[-1][1] if results.seen else 0
    print(f"presenter's last count: {final} answers (saved: {answers})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=150)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--database-url", default="postgresql://postgres@127.0.0.1:5432/bench_polls"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/8")
    parser.add_argument("--password", default="demo-heltid-2026!")
    parser.add_argument("--each", action="store_true", help="one submit per question")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
