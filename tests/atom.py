"""Atom feeds checked as RFC 4287 defines them: its RELAX NG schema (`data/atom.rng`, Appendix B), its two
Schematron rules, RFC 3339 dates, and read by feedparser as feed readers read them."""

import re
from functools import cache
from pathlib import Path

from lxml import etree

NS = {"atom": "http://www.w3.org/2005/Atom"}
SCHEMATRON = "{http://www.ascc.net/xml/schematron}"
SCHEMA = Path(__file__).parent / "data" / "atom.rng"
# xsd:dateTime lets the zone out; RFC 3339, which RFC 4287 section 3.3 requires, does not.
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


@cache
def schema() -> tuple[etree.RelaxNG, list[tuple[str, str, str]]]:
    grammar = etree.parse(str(SCHEMA))
    rules = [
        (rule.get("context"), check.get("test"), check.text)
        for rule in grammar.iter(f"{SCHEMATRON}rule")
        for check in rule.iter(f"{SCHEMATRON}assert")
    ]
    return etree.RelaxNG(grammar), rules


def atom_checked(content: bytes):
    """The feed's root element once it passes every check; a failure says what is wrong."""
    import feedparser

    root = etree.fromstring(content)
    relax_ng, rules = schema()
    assert relax_ng.validate(root), relax_ng.error_log
    for context, test, message in rules:
        for node in root.xpath(f"//{context}", namespaces=NS):
            assert node.xpath(f"boolean({test})", namespaces=NS), message
    for moment in root.xpath("//atom:updated | //atom:published", namespaces=NS):
        assert RFC3339.fullmatch(moment.text), moment.text
    parsed = feedparser.parse(content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return root


def atom_complete(root) -> None:
    """The feed and each of its entries name their id, the time they were updated and their author."""
    for node in [root, *root.xpath("atom:entry", namespaces=NS)]:
        for path in ("atom:id", "atom:updated", "atom:author/atom:name"):
            assert node.xpath(f"normalize-space({path})", namespaces=NS), (path, etree.tostring(node))
