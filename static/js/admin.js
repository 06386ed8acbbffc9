/* The admin's one addition, for screen readers: the autocomplete widget (select2) draws a search
   box without a label, which gets its field's, and puts its "clear" button straight inside a
   list, where it is wrapped in a list item. */
(function () {
  "use strict";
  function repair() {
    document.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (input) {
      var container = input.closest(".select2-container");
      var select = container && container.previousElementSibling;
      var name = select && select.id && document.querySelector("label[for='" + select.id + "']");
      input.setAttribute("aria-label",
                         "Search " + (name ? name.textContent.replace(/:\s*$/, "") : "choices"));
    });
    document.querySelectorAll(".select2-selection--multiple > ul > :not(li)").forEach(function (el) {
      var item = document.createElement("li");
      item.className = "select2-clear-item";
      el.parentNode.insertBefore(item, el);
      item.appendChild(el);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    repair();
    new MutationObserver(repair).observe(document.body, {childList: true, subtree: true});
  });
})();
