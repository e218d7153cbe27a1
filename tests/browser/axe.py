"""axe-core's WCAG checks on a page in chromium; the checker (tests/vendor, copied by `make vendor`) is
injected by the test and never served by the site. It is evaluated through the browser's debugging protocol,
not added as a script element: the site's Content-Security-Policy rightly refuses an inline script."""

from pathlib import Path

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page) -> list[dict]:
    """axe's violations of the WCAG 2.0, 2.1 and 2.2 A and AA rules on the page as it is now."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text() + "\n;0")  # the trailing expression: the source's value is not sent back
    return page.evaluate(
        """async (tags) => {
            const options = { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] };
            const results = await axe.run(document, options);
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")),
            }));
        }""",
        WCAG_TAGS,
    )


def axe_serious(page) -> list[dict]:
    """The serious and critical violations: what keeps someone out."""
    return [item for item in axe_violations(page) if item["impact"] in ("serious", "critical")]
