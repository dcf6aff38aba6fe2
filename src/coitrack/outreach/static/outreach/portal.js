// Vendor portal: drag and drop, several photos in a row, and a "sending" state. The form works
// without this file (a plain multipart POST).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("[data-portal-upload]");
  if (!form) return;
  form.classList.add("js");
  const main = form.querySelector("#files");
  const camera = form.querySelector("#camera");
  const drop = form.querySelector("[data-drop]");
  const list = form.querySelector("[data-chosen]");
  let chosen = new DataTransfer();

  function add(files) {
    for (const file of files) chosen.items.add(file);
    main.files = chosen.files;  // everything is sent through the one input
    if (camera) camera.value = "";
    show();
  }
  function show() {
    list.replaceChildren(...Array.from(chosen.files, (file) => {
      const item = document.createElement("li");
      item.textContent = `${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB)`;
      return item;
    }));
  }
  main.addEventListener("change", () => {
    if (main.files !== chosen.files) add(main.files);  // adds to what was chosen before
  });
  if (camera) camera.addEventListener("change", () => add(camera.files));
  ["dragenter", "dragover"].forEach((type) => drop.addEventListener(type, (event) => {
    event.preventDefault();
    drop.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((type) => drop.addEventListener(type, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    add(event.dataTransfer.files);
  });
  form.addEventListener("submit", (event) => {
    if (!chosen.files.length && !main.files.length) {
      event.preventDefault();
      list.replaceChildren(Object.assign(document.createElement("li"), {textContent: "Choose at least one file first."}));
      return;
    }
    form.querySelector("[data-send]").disabled = true;
    form.querySelector("[data-sending]").hidden = false;
  });
});
