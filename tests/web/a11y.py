"""What the browser tests check of accessibility (WCAG 2.0, the national
recommendation): axe-core's WCAG 2 A and AA rules on a page as it is now,
what the page's live regions say, and the contrast of the focus outline
against the background it is drawn on.

axe-core is the copy bundled by the axe-playwright-python package (pinned in
requirements.txt; MPL-2.0, its licence header kept in the file)."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}, "resultTypes": ["violations"]}
_AXE = Axe()


def axe_violations(page) -> list[str]:
    """Each WCAG 2 A/AA violation on the page as ``rule (impact): help —
    where``, for an assertion message a person can act on."""
    results = _AXE.run(page, options=AXE_OPTIONS).response
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
            for v in results["violations"]]


def assert_axe_clean(page, state: str, seen: list[str]) -> None:
    """Runs axe on the page in its current state; the state's name is
    recorded in ``seen`` so that a test can say which states it covered."""
    violations = axe_violations(page)
    assert violations == [], f"{state}: {violations}"
    seen.append(state)


# Installed before any script of the page runs (page.add_init_script): every
# change inside a live region (role alert/status/log, aria-live other than
# off), and every live region added with text, is one announcement
# {region, text}, as a screen reader would hear it; the changes of one task
# are one announcement per region.
RECORD_ANNOUNCEMENTS = """
(() => {
  const heard = [];
  window.__announcements = heard;
  const live = (node) => node && node.nodeType === 1 && node.closest(
    '[role=alert], [role=status], [role=log], [aria-live]:not([aria-live=off])');
  const name = (region) => region.id ? '#' + region.id : region.className || region.tagName;
  new MutationObserver((records) => {
    const regions = new Set();
    for (const record of records) {
      const target = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      const region = live(target);
      if (region) regions.add(region);
      for (const added of record.addedNodes) {
        const inner = live(added);
        if (inner && inner !== region) regions.add(inner);
      }
    }
    for (const region of regions) {
      const text = region.textContent.replace(/\\s+/g, ' ').trim();
      if (text && !region.closest('[hidden]')) heard.push({region: name(region), text});
    }
  }).observe(document, {subtree: true, childList: true, characterData: true});
})();
"""


def announcements(page) -> list[dict]:
    return page.evaluate("() => window.__announcements.slice()")


# The focused element's outline (style, width, colour) and the colour of
# what the outline is drawn on: outline-offset puts it outside the element,
# on its parents' background (the first one that is not transparent).
FOCUS_RING = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const input = element.matches('input.visually-hidden') ? element : null;
  const shown = input ? document.querySelector(`label[for="${input.id}"]`) : element;
  const style = getComputedStyle(shown);
  let behind = shown.parentElement, background = 'rgb(255, 255, 255)';
  for (; behind; behind = behind.parentElement) {
    const colour = getComputedStyle(behind).backgroundColor;
    if (colour !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(colour)) { background = colour; break; }
  }
  return {what: shown.id || shown.textContent.trim().slice(0, 40) || shown.tagName,
          style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor,
          background};
}
"""


def _luminance(colour: str) -> float:
    channels = [float(c) / 255 for c in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2.0 contrast ratio of two ``rgb(…)`` colours."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def focus_rings(page, stops: int) -> list[dict]:
    """Presses Tab ``stops`` times (from the top of a page just loaded); the
    focus ring at each stop, with its contrast against what it is drawn on."""
    rings = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring is None:
            continue
        ring["contrast"] = round(contrast(ring["colour"], ring["background"]), 2)
        rings.append(ring)
    return rings


def weak_rings(rings: list[dict]) -> list[dict]:
    """The focus rings that are missing, thinner than 2 px, or under 3:1."""
    return [r for r in rings if r["style"] == "none" or r["width"] < 2 or r["contrast"] < 3]
