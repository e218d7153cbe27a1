// Selecting words in an answer, the comment or an attachment's text fills the passage fields of the
// mapping form; without this script the reviewer pastes the words and chooses the source.
document.addEventListener("mouseup", () => {
  const selection = window.getSelection();
  const text = selection ? selection.toString().trim() : "";
  if (!text) return;
  const source = selection.anchorNode && selection.anchorNode.parentElement
    ? selection.anchorNode.parentElement.closest(".review-source") : null;
  const form = document.getElementById("map-form");
  if (!source || !form) return;
  form.querySelector("[name=excerpt]").value = text;
  form.querySelector("[name=source]").value = source.dataset.source;
  form.querySelector("[name=source_id]").value = source.dataset.sourceId || "";
});
