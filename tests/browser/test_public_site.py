"""A visitor walks the public site in chromium."""

import re

from playwright.sync_api import expect

from demo.translations import catalogue


def test_visitor_walks_from_home_to_the_mandate_and_a_call_then_reads_it_in_arabic(page, demo_site):

    page.goto(demo_site.url + "/")
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("CSTD Working Group on Improvements to the IGF")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Mandate").click()
    expect(page.get_by_role("heading", name="Basic features the process keeps")).to_be_visible()
    expect(page.get_by_role("cell", name="22")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Calls for input").click()
    page.get_by_role("link", name="Improvements to the IGF").click()
    expect(page.get_by_role("status")).to_contain_text("This call is open for input.")
    expect(page.get_by_role("heading", name="Guiding questions")).to_be_visible()

    page.get_by_role("navigation", name="Languages").get_by_role("link", name="العربية").click()
    expect(page).to_have_url(re.compile(r"/ar/calls/improvements-to-the-igf/$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_role("heading", level=1)).to_have_text(catalogue("ar")["Improvements to the IGF"])


def test_keyboard_user_skips_straight_to_the_content(page, demo_site):
    page.goto(demo_site.url + "/en/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
