// One form, one input. A page the browser brings back with Back or Forward is often fetched again, with a
// fresh form key: sending it again would then make a second, identical input. The key this page's form had
// first is kept in its history entry, and put back when the entry is shown again; the server answers a form
// sent again with the receipt of the input it made. A notice says so when this form was already sent.
// Without this script the server still refuses nothing and finds the first input when the key is the same.
(() => {
  const field = document.querySelector("form.input-form input[name=form_token]");
  if (!field) {
    return;
  }
  const sentKey = (token) => `form-sent:${token}`;
  const remember = (token) => {
    try {
      sessionStorage.setItem(sentKey(token), "1");
    } catch {
      // storage refused (private mode): the key in the history entry still does the work
    }
  };
  const wasSent = (token) => {
    try {
      return sessionStorage.getItem(sentKey(token)) !== null;
    } catch {
      return false;
    }
  };

  window.addEventListener("pageshow", () => {
    const state = history.state || {};
    if (state.formToken && state.formToken !== field.value) {
      field.value = state.formToken;
    } else if (!state.formToken) {
      history.replaceState({ ...state, formToken: field.value }, "");
    }
    const notice = document.getElementById("form-sent-notice");
    if (notice) {
      notice.hidden = !wasSent(field.value);
    }
  });
  field.form.addEventListener("submit", () => remember(field.value));
  // "Start a new form" leads to this very address: the entry must forget its key, or the new page takes it.
  document.querySelectorAll("[data-form-new]").forEach((link) => {
    link.addEventListener("click", () => history.replaceState({ ...history.state, formToken: null }, ""));
  });
})();
