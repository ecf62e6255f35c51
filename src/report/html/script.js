// The page's own script: filters and search over the finding cards, sorting the matrix, and
// showing every fact in it. No framework, nothing fetched.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const cards = Array.from(document.querySelectorAll(".card"));
  const filters = ["filter-code", "filter-severity", "filter-source", "filter-reviewed", "filter-search"];

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function applyFilters() {
    const code = $("filter-code").value;
    const severity = $("filter-severity").value;
    const source = $("filter-source").value;
    const reviewed = $("filter-reviewed").value;
    const words = fold($("filter-search").value).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const card of cards) {
      const d = card.dataset;
      const visible = (!code || d.code === code)
        && (!severity || d.severity === severity)
        && (!source || d.sources.split(" ").includes(source))
        && (!reviewed || d.reviewed === reviewed)
        && words.every((w) => d.search.includes(w));
      card.hidden = !visible;
      if (visible) shown += 1;
    }
    $("shown").textContent = shown + " of " + cards.length + " findings shown.";
    $("none-shown").hidden = shown > 0 || cards.length === 0;
  }

  if ($("filter-code")) {
    for (const id of filters) {
      $(id).addEventListener("input", applyFilters);
      $(id).addEventListener("change", applyFilters);
    }
  }

  function sortRows(key) {
    const body = document.querySelector(".matrix tbody");
    if (!body) return;
    const rows = Array.from(body.rows);
    rows.sort((a, b) => Number(b.dataset[key]) - Number(a.dataset[key]));
    for (const row of rows) body.appendChild(row);
  }
  $("sort-reliability").addEventListener("click", () => sortRows("reliability"));
  $("sort-disagreements").addEventListener("click", () => sortRows("disagreements"));
  $("show-all-facts").addEventListener("click", (event) => {
    const table = document.querySelector(".matrix");
    const all = table.classList.toggle("all");
    event.currentTarget.setAttribute("aria-pressed", String(all));
    event.currentTarget.textContent = all ? "Show contested facts only" : "Show all facts";
  });
})();
