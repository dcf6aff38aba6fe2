// Drag and drop to reorder the dashboard's widgets (desktop pointers). Without it the move up /
// move down buttons do the same; this only saves clicks. The new order is POSTed to the reorder
// URL; if the server refuses it (e.g. another tab changed the layout) the page reloads.
(() => {
  const setUp = () => {
    const grid = document.querySelector("[data-widgets]");
    const form = document.getElementById("reorder-form");
    if (!grid || !form) return;
    document.documentElement.classList.add("js-dnd");
    let dragged = null;
    grid.querySelectorAll("[data-widget]").forEach((widget) => {
      const handle = widget.querySelector(".drag-handle");
      handle.addEventListener("mousedown", () => { widget.draggable = true; });
      widget.addEventListener("dragstart", (event) => {
        dragged = widget;
        widget.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", widget.dataset.widget);
      });
      widget.addEventListener("dragend", () => {
        widget.classList.remove("dragging");
        widget.draggable = false;
        grid.querySelectorAll(".drop-target").forEach((el) => el.classList.remove("drop-target"));
        dragged = null;
      });
      widget.addEventListener("dragover", (event) => {
        if (!dragged || dragged === widget) return;
        event.preventDefault();
        widget.classList.add("drop-target");
      });
      widget.addEventListener("dragleave", () => widget.classList.remove("drop-target"));
      widget.addEventListener("drop", (event) => {
        event.preventDefault();
        widget.classList.remove("drop-target");
        if (!dragged || dragged === widget) return;
        const widgets = [...grid.querySelectorAll("[data-widget]")];
        const before = widgets.indexOf(dragged) > widgets.indexOf(widget);
        grid.insertBefore(dragged, before ? widget : widget.nextSibling);
        save(grid, form);
      });
    });
  };

  const save = (grid, form) => {
    const ids = [...grid.querySelectorAll("[data-widget]")].map((el) => el.dataset.widget);
    form.elements.order.value = ids.join(",");
    fetch(form.action, { method: "POST", body: new FormData(form),
                         headers: { "X-Requested-With": "fetch" } })
      .then((response) => {
        if (!response.ok) { window.location.reload(); return; }
        const widgets = [...grid.querySelectorAll("[data-widget]")];
        widgets.forEach((el, i) => {
          el.querySelector("input[value=up] + button").disabled = i === 0;
          el.querySelector("input[value=down] + button").disabled = i === widgets.length - 1;
        });
      })
      .catch(() => window.location.reload());
  };

  document.addEventListener("DOMContentLoaded", setUp);
})();
