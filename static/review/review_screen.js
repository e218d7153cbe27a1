// Selecting words in an answer, the comment or an attachment's text fills the passage fields of the
// mapping form and of the redaction form; without this script the reviewer pastes the words and chooses
// the source.
document.addEventListener("mouseup", () => {
  const selection = window.getSelection();
  const text = selection ? selection.toString().trim() : "";
  if (!text) return;
  const source = selection.anchorNode && selection.anchorNode.parentElement
    ? selection.anchorNode.parentElement.closest(".review-source") : null;
  if (!source) return;
  for (const id of ["map-form", "redact-form"]) {
    const form = document.getElementById(id);
    if (!form) continue;
    form.querySelector("[name=excerpt]").value = text;
    form.querySelector("[name=source]").value = source.dataset.source;
    form.querySelector("[name=source_id]").value = source.dataset.sourceId || "";
  }
});
