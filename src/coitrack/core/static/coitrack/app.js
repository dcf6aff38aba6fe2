// Small progressive enhancements; every page works without them.
document.addEventListener("change", (event) => {
  // Policy forms: show only the limit inputs that belong to the chosen coverage.
  const select = event.target.closest("select[data-coverage-select]");
  if (select) showLimitsFor(select);
  // Filter bars submit themselves when a select changes.
  const auto = event.target.closest("form[data-autosubmit] select");
  if (auto) auto.form.requestSubmit();
});

function showLimitsFor(select) {
  const fieldset = select.closest("[data-policy]");
  if (!fieldset) return;
  fieldset.querySelectorAll("[data-for-coverage]").forEach((el) => {
    const fits = el.dataset.forCoverage.split(" ").includes(select.value);
    // A checkbox's value is its choice, not typed data: only a ticked one counts as filled in.
    const filled = el.querySelector("input:not([type=checkbox]), input:checked");
    el.hidden = !fits && !filled?.value;
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select[data-coverage-select]").forEach(showLimitsFor);
});
