"""The editor's dates (static/js/dates.js) on the table the server's are
tested on (tests/date_cases.json and every day of the grid in
tests/date_table.py), in a browser whose zone and clock are not Vietnam's;
and the editor showing them: a campaign's ISO dates in the short form, the
preview's time in Vietnam time."""

from __future__ import annotations

import datetime as dt

from docgen.vietnamese import dates
from tests.date_table import CASES, grid

# 17:05 UTC on 30 June: 13:05 on 30 June in New York, 00:05 on 1 July in Vietnam
FIXED = dt.datetime(2026, 6, 30, 17, 5, tzinfo=dt.UTC)

SHOWN = """async ({isos, times}) => {
  const dates = await import("/static/js/dates.js");
  return {short: isos.map((iso) => dates.shortDate(iso)),
          times: times.map((utc) => dates.vietnamTime(utc)),
          typed: ["01/9/2023", "", "1.9.2023"].map((text) => dates.shortDate(text))};
}"""


def new_york_page(browser, live_server):
    context = browser.new_context(locale="en-US", timezone_id="America/New_York",
                                  viewport={"width": 1366, "height": 768})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.clock.set_fixed_time(FIXED)
    return context, page


def test_the_browser_prints_dates_as_the_server_does(browser, live_server):
    rows = [row for row in grid() if row["valid"]] + [
        {"iso": case["date"], "short": case["short"]} for case in CASES["print"]]
    context, page = new_york_page(browser, live_server)
    try:
        page.goto(live_server + "/plan/new")
        shown = page.evaluate(SHOWN, {"isos": [row["iso"] for row in rows],
                                      "times": [case["utc"] for case in CASES["times"]]})
    finally:
        context.close()
    assert shown["short"] == [row["short"] for row in rows]
    assert shown["short"] == [dates.short_date(dt.date.fromisoformat(row["iso"])) for row in rows]
    assert shown["times"] == [case["vietnam"] for case in CASES["times"]]
    assert shown["typed"] == ["01/9/2023", "", "1.9.2023"]  # what the clerk typed is left alone


def test_the_editor_shows_short_dates_and_vietnam_time(browser, live_server):
    context, page = new_york_page(browser, live_server)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        plan = {"campaign": {"name": "50 ngày, đêm", "start": "2023-09-01", "end": "2023-10-20"}}
        page.goto(live_server + "/plan/sample/002")
        page.wait_for_selector("#preview[data-version]", state="attached")
        status = page.locator("#preview-status").inner_text()
        # an ISO date from a plan file reaches the form in the body's form
        opened = page.evaluate("""async (campaign) => {
          const { normalisePlan } = await import("/static/js/form.js");
          return normalisePlan({ campaign }).campaign;
        }""", plan["campaign"])
        start = page.input_value("#f-campaign-start")
    finally:
        context.close()
    assert errors == []
    assert status.endswith(f"cập nhật lúc {dates.vietnam_time(FIXED)}.")
    assert dates.vietnam_time(FIXED) == "00:05 ngày 01/7/2026"
    assert (opened["start"], opened["end"]) == ("01/9/2023", "20/10/2023")
    assert start == "01/9/2023"
