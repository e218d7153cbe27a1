// Before a form with files is sent over a slow link, say at once which file is too large (or how many are
// too many), next to the field, and send nothing: what was typed stays in the form. Without this script the
// server refuses the same files (and a body over its limit before reading it) with the same rules.
document.querySelectorAll("input[type=file][data-max-file-bytes]").forEach((input) => {
  const form = input.form;
  const group = document.getElementById(`${input.id}_group`);
  const message = document.createElement("p");
  message.className = "errors";
  message.id = `${input.id}_size_errors`;
  message.setAttribute("role", "alert");
  message.hidden = true;
  input.insertAdjacentElement("beforebegin", message);

  const problem = () => {
    const files = Array.from(input.files || []);
    const kept = Number(input.dataset.alreadyAttached || 0);
    if (files.length + kept > Number(input.dataset.maxFiles)) {
      return input.dataset.tooManyMessage;
    }
    const large = files.filter((file) => file.size > Number(input.dataset.maxFileBytes));
    return large.length ? `${input.dataset.tooLargeMessage} ${large.map((file) => file.name).join(", ")}` : "";
  };
  const show = (text) => {
    message.textContent = text;
    message.hidden = !text;
    group.classList.toggle("field--error", Boolean(text));
    input.setAttribute("aria-invalid", text ? "true" : "false");
    if (text) input.setAttribute("aria-describedby", message.id);
  };
  input.addEventListener("change", () => show(problem()));
  form.addEventListener("submit", (event) => {
    const text = problem();
    show(text);
    if (text) {
      event.preventDefault();
      input.focus();
    }
  });
});
