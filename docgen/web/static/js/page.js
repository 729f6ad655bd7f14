// On every page: the top bar's "Trình đơn" on a narrow screen, and the
// messages the page was loaded with (a saved draft, a refused login),
// said to a screen reader once the page has loaded.

function menus() {
  for (const toggle of document.querySelectorAll(".menu-toggle")) {
    const bar = toggle.closest(".topbar");
    const more = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!bar || !more) continue;
    const open = (yes) => {
      bar.classList.toggle("open", yes);
      toggle.setAttribute("aria-expanded", String(yes));
    };
    bar.classList.add("collapsible");
    toggle.hidden = false;
    toggle.addEventListener("click", () => open(!bar.classList.contains("open")));
    bar.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && bar.classList.contains("open")) {
        open(false);
        toggle.focus();
      }
    });
  }
}

// A live region reads what changes in it, not what it held at load: the
// messages marked data-announce are put into the page's status region
// after load.
// after load (the page's own scripts may add some meanwhile).
function announce() {
  const region = document.getElementById("page-announcer");
  if (!region) return;
  setTimeout(() => {
    const said = [...document.querySelectorAll("[data-announce]")]
      .filter((node) => !node.closest("[hidden]"))
      .map((node) => node.textContent.replace(/\s+/g, " ").trim())
      .filter(Boolean);
    if (said.length) region.textContent = said.join(" ");
  }, 300);
}

menus();
announce();
