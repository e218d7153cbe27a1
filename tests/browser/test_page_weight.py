"""Every public page stays within 200 KB on a cold load (nothing cached), for readers on slow links; the
charts' library loads only when a reader asks for a chart, and the chart is then drawn."""

from playwright.sync_api import expect

from tests.browser.axe import axe_serious

BUDGET = 200_000  # bytes transferred: HTML, style, scripts, icons
CHARTS = ["statistics", "the tracker"]


def cold_load(browser, url: str, ask_for_chart: bool = False) -> tuple[int, list[str]]:
    """The bytes the network carried for one visit in a fresh browser context, and the addresses asked for."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    network = context.new_cdp_session(page)
    network.send("Network.enable")
    carried, asked = [], []
    network.on("Network.loadingFinished", lambda event: carried.append(event["encodedDataLength"]))
    network.on("Network.requestWillBeSent", lambda event: asked.append(event["request"]["url"]))
    page.goto(url, wait_until="networkidle")
    if ask_for_chart:
        page.get_by_role("button", name="Show these numbers as a chart").click()
        chart = page.locator("canvas#chart")
        expect(chart).to_be_visible()
        expect(chart).to_be_focused()
        page.wait_for_function("() => Chart.getChart('chart') && Chart.getChart('chart').data.datasets.length > 0")
        assert chart.evaluate("canvas => canvas.width > 0 && canvas.height > 0")
        page.wait_for_load_state("networkidle")
        assert axe_serious(page) == []
    context.close()
    return sum(carried), asked


def test_every_public_page_transfers_at_most_200_kb_on_a_cold_load(page, demo_site, public_paths):
    browser = page.context.browser
    heavy = {}
    addresses = {name: f"{demo_site.url}/en/{path}" for name, path in public_paths.items()}
    addresses.update({f"{name} in Arabic": f"{demo_site.url}/ar/{path}" for name, path in public_paths.items()})
    addresses["the API's documentation"] = f"{demo_site.url}/api/v1/docs"
    for name, url in addresses.items():
        size, asked = cold_load(browser, url)
        assert not any("chartjs" in address or "swagger-ui" in address for address in asked), name
        if size > BUDGET:
            heavy[name] = size
    assert heavy == {}


def test_a_chart_is_drawn_when_the_reader_asks_for_it(page, demo_site, public_paths):
    for name in CHARTS:
        url = f"{demo_site.url}/en/{public_paths[name]}"
        light, _asked = cold_load(page.context.browser, url)
        with_chart, asked = cold_load(page.context.browser, url, ask_for_chart=True)
        assert any(address.endswith("/static/vendor/chartjs/chart.umd.min.js") for address in asked)
        assert with_chart - light > 150_000, name  # the library came only now
