"""The reviewers' workbench in user actions: how many clicks and keys a reviewer in chromium needs to map three
passages of one input, each to its sub-topic, and publish it (target: 8 or fewer).

`python -m bench workbench` loads the demo into a SQLite database of its own, adds an input answering three
guiding questions, serves it with gunicorn (the embedded settings of `make run`), and drives Debian's chromium as
a reviewer would: each passage is selected with one mouse drag, then mapped with the number the screen shows
beside its sub-topic (or, if none shows, by finding the topic: f, its code, Enter); p publishes. The browser test
of the workbench drives the screen with the same `passages_map_and_publish`.
"""

import os
import re
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from bench.server import ROOT, Server

CHROMIUM = "/usr/bin/chromium"
TARGET = 8
# Three answers of one input, and the words of each a reviewer maps to a sub-topic.
ANSWERS = {
    "A": "Each annual meeting should end with short messages that others can use. Last year was better.",
    "B": "The MAG should rotate a third of its members every year. Its meetings were open to observers.",
    "C": "Donors should publish every contribution they make to the IGF. Thank you for this consultation.",
}
PLAN = [
    ("Each annual meeting should end with short messages that others can use.", "A.1"),
    ("The MAG should rotate a third of its members every year.", "B.2"),
    ("Donors should publish every contribution they make to the IGF.", "C.2"),
]


@dataclass
class Actions:
    """The reviewer's clicks, drags and keys, counted one each."""

    page: object
    log: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.log)

    def press(self, key: str, *, navigates: bool = False):
        if navigates:
            with self.page.expect_navigation():
                self.page.keyboard.press(key)
        else:
            self.page.keyboard.press(key)
        self.log.append(key)

    def drag(self, text, words: str):
        """Select `words` of the text element with one drag of the mouse, from their first to their last letter."""
        box = text.evaluate(
            """(element, words) => {
                const start = element.textContent.indexOf(words);
                const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
                const at = (offset) => {
                    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                        if (offset <= node.length) return [node, offset];
                        offset -= node.length;
                    }
                };
                const range = document.createRange();
                range.setStart(...at(start));
                walker.currentNode = element;
                range.setEnd(...at(start + words.length));
                range.startContainer.parentElement.scrollIntoView({block: "center", behavior: "instant"});
                const rects = range.getClientRects();
                const first = rects[0], last = rects[rects.length - 1];
                return {x0: first.left + 1, y0: first.top + first.height / 2,
                        x1: last.right - 1, y1: last.top + last.height / 2};
            }""",
            words,
        )
        mouse = self.page.mouse
        mouse.move(box["x0"], box["y0"])
        mouse.down()
        mouse.move(box["x1"], box["y1"], steps=5)
        mouse.up()
        self.log.append("drag")

    def topic_pick(self, code: str):
        """The number the screen shows beside the topic; without one, find it by its code."""
        button = self.page.locator("#topic-picks button").filter(
            has=self.page.locator("strong", has_text=re.compile(rf"^{re.escape(code)}$"))
        )
        number = button.locator(".pick-key").inner_text().strip()
        if number:
            return self.press(number, navigates=True)
        self.press("f")
        for letter in code:
            self.press(letter)
        self.press("Enter", navigates=True)


def passages_map_and_publish(page, screen_url: str, plan=PLAN) -> Actions:
    """On the review screen at `screen_url`, map each (words, sub-topic code) of `plan`, then publish."""
    page.goto(screen_url)
    actions = Actions(page)
    for words, code in plan:
        text = page.locator(".review-text", has_text=words)
        actions.drag(text, words)
        excerpt = page.locator("#map-form [name=excerpt]").input_value()
        if excerpt != words:
            raise AssertionError(f"the drag selected «{excerpt}», not «{words}»")
        actions.topic_pick(code)
    actions.press("p", navigates=True)
    return actions


def bench_input_create() -> int:
    """An input of the demo's open call answering the guiding questions A, B and C; its id."""
    from django.conf import settings

    from home.models import CallPage
    from reference.models import StakeholderGroup
    from submissions.models import Submission
    from submissions.services import submission_confirm, submission_create

    call = CallPage.objects.get(slug="improvements-to-the-igf", locale__language_code="en")
    questions = {question.topic_area.code: question for question in call.questions.select_related("topic_area")}
    submission, _created = submission_create(
        call=call,
        data={
            "stakeholder_group": StakeholderGroup.objects.filter(locale=call.locale, code="CIVIL_SOCIETY").first(),
            "organisation": "Workbench benchmark",
            "country": None,
            "is_official": False,
            "official_role": "",
            "contact_name": "Bench Reviewer",
            "contact_email": "bench@example.org",
            "language": "en",
            "general_comment": "",
            "publication": "named",
        },
        answers={questions[code]: text for code, text in ANSWERS.items()},
        files=[],
        form_key=uuid.uuid4(),
        privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
    )
    submission_confirm(submission=submission)
    return Submission.objects.get(pk=submission.pk).pk


def run():
    from playwright.sync_api import sync_playwright

    workdir = Path(tempfile.mkdtemp(prefix="bench-workbench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "CELERY_TASK_ALWAYS_EAGER": "true",
    }
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    created = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from bench.workbench import bench_input_create; "
            "print(bench_input_create())",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    pk = int(created.stdout.strip().splitlines()[-1])
    server = Server("portal.wsgi:application", env, workers=1, log=workdir / "gunicorn.log").start("/admin/login/")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{server.url}/admin/login/")
            page.fill("#id_username", "reviewer")
            page.fill("#id_password", "reviewer-demo")
            with page.expect_navigation():
                page.click("button[type=submit]")
            actions = passages_map_and_publish(page, f"{server.url}/admin/inputs/{pk}/review/")
            status = page.locator("[data-review-status]").inner_text()
            browser.close()
    finally:
        server.stop()
    verdict = "met" if actions.count <= TARGET and status.startswith("Published") else "MISSED"
    print(
        f"workbench: {actions.count} actions to map 3 passages and publish ({' '.join(actions.log)}); "
        f"target ≤ {TARGET}: {verdict}; review status: {status}"
    )


if __name__ == "__main__":
    sys.exit(run())
