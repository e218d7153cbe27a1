"""The drills' load: visitors who open the demo call's form and send it, as a browser behind a TLS proxy does."""

import collections
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser

import requests

from .stack import HOST

CALL = "/en/calls/improvements-to-the-igf/"


class FormFields(HTMLParser):
    """The first value of each named input, and the options of the selects, of a form page."""

    def __init__(self, html: str):
        super().__init__()
        self.fields: dict[str, str] = {}
        self.options: dict[str, list[tuple[str, str]]] = {}
        self.select = None
        self.option = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("name"):
            self.fields.setdefault(attributes["name"], attributes.get("value") or "")
        elif tag == "select":
            self.select = attributes.get("name")
        elif tag == "option" and self.select:
            self.option = attributes.get("value") or ""

    def handle_data(self, data):
        if self.option is not None and data.strip():
            self.options.setdefault(self.select, []).append((self.option, data.strip()))
            self.option = None

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


class Visitor:
    """One browser: its own cookies (Secure ones too: the proxy in front speaks HTTPS to it)."""

    def __init__(self, base: str, call: str = CALL, timeout: float = 60):
        self.base = base
        self.call = call
        self.timeout = timeout
        self.session = requests.Session()
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "Referer": f"https://{HOST}{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        response = self.session.request(
            method, self.base + path, headers=headers, allow_redirects=False, timeout=self.timeout, **kwargs
        )
        self.cookies.update({cookie.name: cookie.value for cookie in response.cookies})
        self.session.cookies.clear()
        return response

    def get(self, path: str) -> requests.Response:
        return self.request("GET", path)

    def form(self) -> dict:
        """The call's form, filled in as a person would (a unique address, to find this input's mail)."""
        page = self.get(f"{self.call}submit/")
        page.raise_for_status()
        parts = FormFields(page.text)
        question = re.search(r'name="(answer_\d+)"', page.text).group(1)
        country = next(value for value, label in parts.options["country"] if label == "Hungary")
        return {
            "csrfmiddlewaretoken": parts.fields["csrfmiddlewaretoken"],
            "form_token": parts.fields["form_token"],
            "stakeholder_group": parts.fields["stakeholder_group"],
            "country": country,
            "contact_name": "Drill Visitor",
            "contact_email": f"drill-{uuid.uuid4().hex[:12]}@example.org",
            "language": "en",
            question: "An answer sent by a drill.",
            "publication": "named",
            "accept_privacy": "on",
            "website": "",
        }

    def send(self, fields: dict) -> requests.Response:
        return self.request(
            "POST", f"{self.call}submit/", files={name: (None, value) for name, value in fields.items()}
        )


RECEIPT = re.compile(r"/receipt/(\d+)-")


@dataclass
class Sent:
    """One form sent: its address, what the server answered, and when."""

    email: str
    started: float
    seconds: float
    status: int  # 0: no answer (refused, reset or timed out)
    receipt_pk: int | None = None
    location: str = ""
    error: str = ""  # what went wrong when no answer came


@dataclass
class Load:
    """Visitors sending inputs in parallel until `total` are sent or `stop` is set."""

    base: str
    total: int
    call: str = CALL
    clients: int = 4
    sent: list[Sent] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self):
        self.lock = threading.Lock()
        self.claimed = 0
        self.threads = [threading.Thread(target=self.visitor, daemon=True) for _ in range(self.clients)]

    def claim(self) -> bool:
        with self.lock:
            if self.claimed >= self.total or self.stop.is_set():
                return False
            self.claimed += 1
            return True

    def visitor(self):
        visitor = Visitor(self.base, self.call)
        while self.claim():
            started = time.monotonic()
            email = ""
            try:
                fields = visitor.form()
                email = fields["contact_email"]
                response = visitor.send(fields)
                status, location = response.status_code, response.headers.get("Location", "")
                error = ""
            except (requests.RequestException, AttributeError, KeyError, StopIteration) as exception:
                status, location, error = 0, "", type(exception).__name__
            found = RECEIPT.search(location)
            seconds = time.monotonic() - started
            sent = Sent(email, started, seconds, status, int(found[1]) if found else None, location, error)
            with self.lock:
                self.sent.append(sent)

    def start(self) -> "Load":
        self.started = time.monotonic()
        for thread in self.threads:
            thread.start()
        return self

    def join(self, timeout: float | None = None):
        """Wait for the load to end, at most `timeout` s; then stop it and wait for the sends under way."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for thread in self.threads:
            thread.join(None if deadline is None else max(0, deadline - time.monotonic()))
        self.stop.set()
        for thread in self.threads:
            thread.join(70)  # a send under way ends within its two requests' timeouts
        self.finished = time.monotonic()

    def errors(self) -> dict:
        """The sends not answered with a receipt, by what they got: a status, or the client's error."""
        return dict(collections.Counter(sent.error or sent.status for sent in self.sent if sent.status != 302))

    def receipts(self) -> list[Sent]:
        return [sent for sent in self.sent if sent.status == 302 and sent.receipt_pk]


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def mails(mailbox) -> list[str]:
    """The messages Django's file backend wrote (one file per delivery run, messages ended by a dashed line)."""
    return [
        message
        for path in sorted(mailbox.glob("*.log"))
        for message in path.read_text(errors="replace").split("-" * 79)
        if message.strip()
    ]


RECIPIENT = re.compile(r"^To: (drill-[0-9a-f]{12}@example\.org)", re.MULTILINE)


def mail_recipients(mailbox) -> list[str]:
    """The drill's visitors each message went to, one entry per message delivered (repeats are duplicates)."""
    return [found[1] for message in mails(mailbox) if (found := RECIPIENT.search(message))]


def mail_delivered_at(mailbox) -> dict[str, float]:
    """When each visitor's first mail was written (the time of the file its delivery run wrote, in epoch s)."""
    delivered: dict[str, float] = {}
    for path in sorted(mailbox.glob("*.log"), key=lambda path: path.stat().st_mtime):
        for found in RECIPIENT.finditer(path.read_text(errors="replace")):
            delivered.setdefault(found[1], path.stat().st_mtime)
    return delivered
