// Review screen: hovering or focusing a field lights up the box where the reader found its value
// on the page image; hovering a box lights up its field, clicking it focuses the field.
// Without this file the page still works: boxes are drawn, fields are marked.
(() => {
  const selectorFor = (path) => `[data-evidence-path="${CSS.escape(path)}"]`;
  const boxes = (path) => document.querySelectorAll(`.evidence-box${selectorFor(path)}`);
  function input(path) {
    const cut = path.lastIndexOf(".");  // a ticked box: prefix "policies[1].auto_symbols", value
    const box = `input[data-evidence-prefix="${CSS.escape(path.slice(0, cut))}"]`
      + `[value="${CSS.escape(path.slice(cut + 1))}"]`;
    return document.querySelector(`.edit-form ${selectorFor(path)}, .edit-form ${box}`);
  }

  function pathOf(el) {
    const control = el?.closest?.(".field, label")?.querySelector(
      "[data-evidence-path], input[data-evidence-prefix]",
    ) || el;
    if (!control?.dataset) return null;
    if (control.dataset.evidencePath) return control.dataset.evidencePath;
    if (control.dataset.evidencePrefix) return `${control.dataset.evidencePrefix}.${control.value}`;
    return null;
  }

  let active = null;
  function light(path) {
    if (path === active) return;
    document.querySelectorAll(".evidence-box.is-active, .field.is-active").forEach(
      (el) => el.classList.remove("is-active"),
    );
    active = path;
    if (!path) return;
    const found = boxes(path);
    found.forEach((box) => box.classList.add("is-active"));
    input(path)?.closest(".field")?.classList.add("is-active");
    // Bring the box into view only where the pages sit beside the form (not stacked above it,
    // where scrolling would take the reviewer away from the field being typed in).
    const aside = found[0]?.closest(".edit-previews");
    if (aside && getComputedStyle(aside).position === "sticky") {
      found[0].scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  document.addEventListener("focusin", (event) => {
    if (event.target.closest(".edit-form")) light(pathOf(event.target));
  });
  document.addEventListener("mouseover", (event) => {
    const box = event.target.closest(".evidence-box");
    if (box) return light(box.dataset.evidencePath);
    if (event.target.closest(".edit-form")) {
      const path = pathOf(event.target);
      if (path) light(path);
    }
  });
  document.addEventListener("click", (event) => {
    const box = event.target.closest(".evidence-box");
    if (box) input(box.dataset.evidencePath)?.focus();
  });
})();
