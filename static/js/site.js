/* The site's one script, an enhancement: every page works without it.
 *
 * - htmx's settings: no eval and no inline styles (the Content-Security-Policy forbids both);
 *   a list answering 400 (a refused parameter) or 404 (a page past the last) is still swapped
 *   in, since it says why near the form.
 * - After an in-place update the new count is announced (#live-status) and focus stays on the
 *   control that was used when it is still there (same id), else goes to the results heading.
 * - Narrow screens: "Filters (n)" opens and closes the filter panel, which stays open across
 *   updates.
 * - A long facet's "Find by name" box hides the values that do not match.
 * - A picker (input[data-names]) gets its autocomplete from the registry, fetched once.
 * - A form applied in place leaves its empty fields out of the URL.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  if (window.htmx) {
    var config = window.htmx.config;
    config.allowEval = false;
    config.allowScriptTags = false;
    config.includeIndicatorStyles = false;
    config.historyCacheSize = 20;
    config.scrollIntoViewOnBoost = false;
    config.defaultFocusScroll = false;
    config.responseHandling = [
      {code: "204", swap: false},
      {code: "[23]..", swap: true},
      {code: "40[04]", swap: true, error: false},
      {code: "...", swap: false, error: true}
    ];
  }

  function heading() { return document.getElementById("results-heading"); }

  function syncToggle() {
    var open = root.classList.contains("filters-open");
    document.querySelectorAll(".filters-toggle").forEach(function (toggle) {
      toggle.setAttribute("role", "button");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function setFiltersOpen(open) {
    root.classList.toggle("filters-open", open);
    syncToggle();
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".filters-toggle");
    if (toggle) {
      event.preventDefault();
      setFiltersOpen(!root.classList.contains("filters-open"));
      if (root.classList.contains("filters-open")) {
        var panel = document.getElementById("filters");
        if (panel) { panel.scrollIntoView({block: "start"}); }
      }
      return;
    }
    var done = event.target.closest(".filters-done a");
    if (done) {
      event.preventDefault();
      setFiltersOpen(false);
      var h = heading();
      if (h) { h.setAttribute("tabindex", "-1"); h.focus(); h.scrollIntoView({block: "start"}); }
    }
  });

  // A checkbox of the filter form applies itself, as a facet link does.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.matches && box.matches(".filter-form input[type=checkbox]") && box.form.requestSubmit) {
      box.form.requestSubmit();
    }
  });

  document.addEventListener("input", function (event) {
    var find = event.target;
    if (!find.matches || !find.matches("[data-facet-find]")) { return; }
    var facet = find.closest(".facet");
    var words = find.value.trim().toLowerCase();
    var more = facet.querySelector("details");
    if (more && words) { more.open = true; }
    facet.querySelectorAll("li").forEach(function (item) {
      item.hidden = words !== "" && item.textContent.toLowerCase().indexOf(words) === -1;
    });
  });

  var names = {};
  document.addEventListener("focusin", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[data-names]") || !input.list) { return; }
    var url = input.getAttribute("data-names");
    var list = input.list;
    if (list.options.length) { return; }
    names[url] = names[url] || fetch(url, {credentials: "omit"}).then(function (response) {
      return response.ok ? response.json() : {names: []};
    });
    names[url].then(function (data) {
      if (list.options.length) { return; }
      data.names.forEach(function (name) {
        var option = document.createElement("option");
        option.value = name.label;
        list.appendChild(option);
      });
    });
  });

  // A form's empty fields stay out of the query string (and the address bar).
  document.addEventListener("htmx:configRequest", function (event) {
    var data = event.detail.formData;
    if (!data || event.detail.verb !== "get") { return; }
    Array.from(new Set(Array.from(data.keys()))).forEach(function (name) {
      var kept = data.getAll(name).filter(function (value) { return value !== ""; });
      data.delete(name);
      kept.forEach(function (value) { data.append(name, value); });
    });
  });

  var focusedId = null;
  document.addEventListener("htmx:beforeRequest", function () {
    var active = document.activeElement;
    focusedId = active && active.id ? active.id : null;
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    if (!event.target || event.target.id !== "browse") { return; }
    syncToggle();
    var h = heading();
    var status = document.getElementById("live-status");
    if (h && status) { status.textContent = h.textContent.trim(); }
    var again = focusedId && document.getElementById(focusedId);
    if (again) {
      again.focus({preventScroll: true});
    } else if (h) {
      h.setAttribute("tabindex", "-1");
      h.focus({preventScroll: true});
    }
  });

  document.addEventListener("htmx:historyRestore", syncToggle);
  document.addEventListener("DOMContentLoaded", syncToggle);
})();
