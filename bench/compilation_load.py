"""A topic area's compilation of 10,000 passages built as PDF: time and peak memory of the process building it.

The passages (five per published input, each mapped to the topic area) are generated in a PostgreSQL database
of the bench's own; the PDF is then built as the worker builds it (`reading.compilation_documents`), in a fresh
process with production settings, whose peak RSS is read from the kernel.

    python -m bench.compilation_load        (BENCH_COMPILATION_PASSAGES=10000)
"""

import contextlib
import json
import os
import random
import subprocess
import sys
import time

from bench import load_stack

PASSAGES = int(os.environ.get("BENCH_COMPILATION_PASSAGES", "10000"))
PER_INPUT = 5
DATABASE = os.environ.get("BENCH_COMPILATION_DATABASE", "bench_compilation")
TIMEOUT = 300  # generating the passages
BUILD_SECONDS = int(os.environ.get("BENCH_COMPILATION_SECONDS", "120"))  # the build is stopped after this
WORDS = [
    *("forum", "funding", "secretariat", "participation", "outcomes", "hubs", "donors", "mandate", "capacity"),
    *("linkages", "messages", "national", "regional", "youth", "initiatives", "intersessional", "strategy"),
]


def passages_create(count: int) -> None:
    """Run inside Django: `count` passages of published inputs, mapped to the call's first topic area (whose code
    is printed, as JSON)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from home.models import CallPage
    from reference.models import StakeholderGroup
    from review.models import Mapping, Passage, Review, ReviewStatus
    from submissions.models import Answer, Submission, SubmissionStatus

    call = CallPage.objects.get(slug="improvements-to-the-igf", locale__language_code="en")
    question = call.questions.select_related("topic_area").first()
    area = question.topic_area
    groups = list(StakeholderGroup.objects.filter(locale=call.locale))
    admin = get_user_model().objects.filter(is_superuser=True).first() or get_user_model().objects.create(
        username="bench-admin", is_superuser=True
    )
    rng, now = random.Random(14), timezone.now()
    inputs = -(-count // PER_INPUT)
    made = Submission.objects.bulk_create(
        Submission(
            call=call,
            reference=f"BENCH-{number:07d}",
            status=SubmissionStatus.RECEIVED,
            confirmed_at=now,
            stakeholder_group=rng.choice(groups),
            contact_name=f"Bench {number}",
            contact_email="bench@example.org",
            organisation="Bench organisation",
            language="en",
            publication="named",
            privacy_notice_version="bench",
            fingerprint="0" * 64,
            submitted_at=now,
        )
        for number in range(inputs)
    )
    texts = {item.pk: " ".join(rng.choices(WORDS, k=300)) for item in made}
    answers = Answer.objects.bulk_create(
        Answer(submission=item, question=question, text=texts[item.pk]) for item in made
    )
    Review.objects.bulk_create(
        Review(submission=item, status=ReviewStatus.PUBLISHED, published_at=now, public_text=texts[item.pk])
        for item in made
    )
    passages = []
    for answer in answers:
        for part in range(PER_INPUT):
            if len(passages) == count:
                break
            start = part * 400
            passages.append(
                Passage(
                    submission_id=answer.submission_id,
                    source="answer",
                    answer=answer,
                    start=start,
                    end=start + 300,
                    text=answer.text[start : start + 300],
                    created_by=admin,
                )
            )
    passages = Passage.objects.bulk_create(passages, batch_size=2000)
    Mapping.objects.bulk_create(
        (
            Mapping(submission_id=passage.submission_id, passage=passage, topic_area=area, created_by=admin)
            for passage in passages
        ),
        batch_size=2000,
    )
    print(json.dumps(area.code))


def build(code: str) -> None:
    """Run inside Django: build the topic's PDF as the worker does, and print what it took, as JSON."""
    import resource
    import time

    import django

    django.setup()
    from reading.compilation_documents import compilation_pdf
    from reading.compilations import Scope
    from reference.models import TopicArea

    area = TopicArea.objects.filter(code=code).order_by("pk").first()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    content = compilation_pdf(Scope(topic_area=area), "en", lambda done: None)
    elapsed = time.perf_counter() - started
    from io import BytesIO

    from pypdf import PdfReader

    pages = len(PdfReader(BytesIO(content)).pages)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "pages": pages, "bytes": len(content), "rss_before": before, "peak": peak}))


def in_django(env: dict, call: str):
    """Run `call` (on this module, as `c`) in a fresh process with `env`; what it printed last, read as JSON."""
    result = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-c", f"import bench.compilation_load as c; {call}"],
        cwd=load_stack.ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
        timeout=TIMEOUT,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def build_watched(env: dict, code: str) -> dict:
    """The build in its own process, stopped after BUILD_SECONDS: its figures, or how far its memory had grown."""
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-c", f"import bench.compilation_load as c; c.build({code!r})"],
        cwd=load_stack.ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    started, peak = time.perf_counter(), 0.0
    while process.poll() is None and time.perf_counter() - started < BUILD_SECONDS:
        with contextlib.suppress(OSError):  # the process may have just ended
            peak = max(peak, load_stack.memory_mib(process.pid, "VmHWM"))
        time.sleep(0.5)
    if process.poll() is None:
        process.kill()
        process.wait()
        return {"unfinished": time.perf_counter() - started, "peak": peak}
    output = process.stdout.read().strip().splitlines()
    if process.returncode != 0 or not output:
        raise RuntimeError(f"the build failed (exit {process.returncode})")
    return json.loads(output[-1])


def run(passages: int = PASSAGES):
    load_stack.servers_stop_on_term()
    load_stack.database_fresh(DATABASE)
    env = load_stack.production_env(DATABASE)
    code = in_django(env, f"c.passages_create({passages})")
    figures = build_watched(env, code)
    print(f"\ncompilation: a topic area's PDF with {passages} passages ({PER_INPUT} per input), one process")
    if "unfinished" in figures:
        print(
            f"  NOT BUILT within {figures['unfinished']:.0f} s (stopped there); peak RSS by then"
            f" {figures['peak']:.0f} MiB (2 shared cores: contended)"
        )
    else:
        print(
            f"  built in {figures['seconds']:.1f} s: {figures['pages']} pages, {figures['bytes'] / 1e6:.1f} MB;"
            f" peak RSS {figures['peak']:.0f} MiB ({figures['peak'] - figures['rss_before']:.0f} MiB over the"
            " process before the build) (2 shared cores: contended)"
        )
    return {"passages": passages, **figures}


if __name__ == "__main__":
    run()
