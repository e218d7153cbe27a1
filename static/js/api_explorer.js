// Loads Swagger UI (about 1.7 MB) only when the reader asks for it: the page lists every path without it.
const explorerButton = document.getElementById("explorer-open");
const explorerStatus = document.getElementById("explorer-status");

const explorerLoad = (sources, index = 0) => {
  if (index === sources.length) {
    explorerStatus.textContent = "The explorer is ready below.";
    return;
  }
  const script = document.createElement("script");
  script.src = sources[index];
  script.onload = () => explorerLoad(sources, index + 1);
  script.onerror = () => {
    explorerStatus.textContent = "The explorer could not be loaded. The paths below and the OpenAPI document still describe the API.";
  };
  document.body.append(script);
};

// Swagger UI writes a parameter's choices as a <select> without a label, and its copy buttons as icons
// without words: name them.
const explorerLabel = (root) => {
  root.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach((select) => {
    select.setAttribute("aria-label", select.closest("tr").dataset.paramName);
  });
  root.querySelectorAll(".copy-to-clipboard > button:not([aria-label])").forEach((button) => {
    button.setAttribute("aria-label", "Copy to the clipboard");
  });
};

if (explorerButton) {
  const root = document.getElementById("swagger-ui");
  new MutationObserver(() => explorerLabel(root)).observe(root, { childList: true, subtree: true });
  explorerButton.hidden = false;
  explorerButton.addEventListener("click", () => {
    explorerButton.dataset.styles.split(" ").forEach((href) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      document.head.append(link);
    });
    explorerLoad(explorerButton.dataset.scripts.split(" "));
    explorerButton.hidden = true;
    explorerStatus.textContent = "Loading the explorer…";
    explorerStatus.focus(); // the button is gone: the keyboard continues from the news of the loading
  });
}
