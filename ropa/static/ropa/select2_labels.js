"use strict";
// The admin's searchable selects (select2) named for screen readers by their field's label, and their "clear"
// cross kept out of the list of choices (axe: label, aria-input-field-name, list). Runs after the admin's own
// autocomplete.js has turned the selects into select2 ones, and again whenever a choice or a new row changes them.
{
    function name(select) {
        const container = select.nextElementSibling;
        if (!container || !container.classList.contains("select2")) {
            return;
        }
        container.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear").forEach((cross) => {
            cross.closest(".select2-selection").prepend(cross);
        });
        const label = select.id && document.querySelector(`label[for="${select.id}"]`);
        if (!label) {
            return;
        }
        const text = label.textContent.replace(/:\s*$/, "").trim();
        const single = container.querySelector(".select2-selection--single");
        if (single) {
            single.removeAttribute("aria-labelledby");
            single.setAttribute("aria-label", text);
            container.querySelectorAll(".select2-selection__rendered").forEach((element) => {
                element.setAttribute("aria-label", text);
            });
        }
        container.querySelectorAll(".select2-search__field").forEach((field) => field.setAttribute("aria-label", text));
    }
    function nameAll(root) {
        root.querySelectorAll("select[data-select2-id]").forEach(name);
    }
    if (window.django && django.jQuery) {
        const $ = django.jQuery;
        $(() => {
            nameAll(document);
            $(document).on("change select2:open select2:close", "select[data-select2-id]", (event) => name(event.target));
        });
        document.addEventListener("formset:added", (event) => setTimeout(() => nameAll(event.target)));
    }
}
