// The review screen's workbench. Selecting words in an answer, the comment or an attachment's text (with the
// mouse, or sentence by sentence with j/k) fills the passage fields of the mapping form and of the redaction
// form; a topic's number maps the selection in one key. The topics of the selection's question and the
// suggestions come first; the sub-topic list shows the chosen area's only. Without this script the reviewer
// pastes the words, chooses the source and clicks a topic: the server needs nothing from it. The keys avoid
// Wagtail's own shortcuts (?, /, [ and ]).
const mapForm = document.getElementById("map-form");
const texts = [...document.querySelectorAll(".review-text")];
const picks = document.getElementById("topic-picks");
const search = document.getElementById("topic-search");
const news = document.getElementById("selection-news");
const cursorKey = `review-cursor:${window.location.pathname}`;

// Character offsets in a text element, whatever marks split its text into several nodes.
const offsetIn = (element, node, offset) => {
  const range = document.createRange();
  range.setStart(element, 0);
  range.setEnd(node, offset);
  return range.toString().length;
};

const positionAt = (element, offset) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let left = offset;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (left <= node.length) return [node, left];
    left -= node.length;
  }
  return [element, element.childNodes.length];
};

// Sentences: up to a full stop, question or exclamation mark (Latin, Arabic, Chinese), or a line's end.
const SENTENCE = /[^.!?。！？؟\n]+(?:[.!?。！？؟]+["'”’»)\]]*|\n|$)/g;
const sentences = texts.flatMap((element) => {
  const text = element.textContent;
  return [...text.matchAll(SENTENCE)].flatMap((match) => {
    let start = match.index;
    let end = match.index + match[0].length;
    while (start < end && /\s/.test(text[start])) start += 1;
    while (end > start && /\s/.test(text[end - 1])) end -= 1;
    return end > start ? [{ element, start, end }] : [];
  });
});
let span = null; // the sentences selected by keys: { from, to } indexes into `sentences`
let mouseEnd = null; // where a selection made with the mouse ends: { element, offset }

const formsFill = (element, start, end) => {
  const source = element.closest(".review-source");
  const words = element.textContent.slice(start, end);
  for (const id of ["map-form", "redact-form"]) {
    const form = document.getElementById(id);
    if (!form) continue;
    form.querySelector("[name=excerpt]").value = words;
    form.querySelector("[name=source]").value = source.dataset.source;
    form.querySelector("[name=source_id]").value = source.dataset.sourceId || "";
    const startField = form.querySelector("[name=start]");
    if (startField) startField.value = start;
  }
  if (news) {
    const title = source.querySelector("h3").textContent.trim();
    const shown = words.length > 80 ? `${words.slice(0, 80)}…` : words;
    news.textContent = news.dataset.selected.replace("%(words)s", shown).replace("%(source)s", title);
  }
  picksRank(source.dataset.topicArea || "");
};

// The selection as the reader left it, trimmed of white space; ignored unless inside one text.
const selectionRead = () => {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !selection.rangeCount) return;
  const range = selection.getRangeAt(0);
  const element = texts.find((text) => text.contains(range.startContainer));
  if (!element) return;
  const text = element.textContent;
  let start = offsetIn(element, range.startContainer, range.startOffset);
  let end = element.contains(range.endContainer) ? offsetIn(element, range.endContainer, range.endOffset) : text.length;
  while (start < end && /\s/.test(text[start])) start += 1;
  while (end > start && /\s/.test(text[end - 1])) end -= 1;
  if (end <= start) return;
  span = null;
  mouseEnd = { element, offset: end };
  formsFill(element, start, end);
};

const sentencesSelect = (from, to) => {
  const first = sentences[from];
  const last = sentences[to];
  span = { from, to };
  mouseEnd = null;
  const range = document.createRange();
  range.setStart(...positionAt(first.element, first.start));
  range.setEnd(...positionAt(last.element, last.end));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  const box = range.getBoundingClientRect();
  if (box.top < 0 || box.bottom > window.innerHeight) window.scrollBy(0, box.top - window.innerHeight / 3);
  formsFill(first.element, first.start, last.end);
};

// The sentence after (or before) the selection: after a mouse selection, the first one past its end.
const sentenceNext = (direction) => {
  if (span) return direction > 0 ? span.to + 1 : span.from - 1;
  if (mouseEnd) {
    const order = texts.indexOf(mouseEnd.element);
    const after = sentences.findIndex((sentence) => {
      const place = texts.indexOf(sentence.element);
      return place > order || (place === order && sentence.start >= mouseEnd.offset);
    });
    const next = after < 0 ? sentences.length : after;
    return direction > 0 ? next : next - 1;
  }
  const stored = Number(sessionStorage.getItem(cursorKey));
  if (sessionStorage.getItem(cursorKey) !== null) return direction > 0 ? stored + 1 : stored;
  return direction > 0 ? 0 : -1;
};

const sentenceMove = (direction) => {
  const index = sentenceNext(direction);
  if (index >= 0 && index < sentences.length) sentencesSelect(index, index);
};

const selectionExtend = (direction) => {
  if (!span) return sentenceMove(direction);
  const to = span.to + direction;
  const sameText = sentences[to] && sentences[to].element === sentences[span.from].element;
  if (to >= span.from && sameText) sentencesSelect(span.from, to);
};

// Topics: the suggestions and the sub-topics of the selection's question's area first, then the rest as listed.
const pickItems = picks ? [...picks.children] : [];
const picksNumber = () => {
  let number = 0;
  for (const item of pickItems) {
    const key = item.querySelector(".pick-key");
    const button = item.querySelector("button");
    const shown = !item.hidden && number < 9;
    if (shown) number += 1;
    key.textContent = shown ? String(number) : "";
    if (shown) button.setAttribute("aria-keyshortcuts", String(number));
    else button.removeAttribute("aria-keyshortcuts");
  }
};

let rankedFor = null;
function picksRank(area) {
  if (!picks || area === rankedFor) return;
  rankedFor = area;
  const rank = (item) => {
    const here = area && item.dataset.area === area;
    const suggested = item.hasAttribute("data-suggested");
    if (suggested && here) return 0;
    if (here) return 1; // the area of the selection's question, then its sub-topics
    return suggested ? 2 : 3;
  };
  const order = pickItems.map((item, index) => ({ item, index, rank: rank(item) }));
  order.sort((a, b) => a.rank - b.rank || a.index - b.index);
  pickItems.splice(0, pickItems.length, ...order.map((entry) => entry.item));
  picks.append(...pickItems);
  picksNumber();
}

const picksFilter = () => {
  const words = search.value.trim().toLowerCase();
  for (const item of pickItems) item.hidden = Boolean(words) && !item.dataset.search.includes(words);
  picksNumber();
};

const pickPress = (number) => {
  const item = pickItems.filter((entry) => !entry.hidden)[number - 1];
  if (item) item.querySelector("button").click();
};

// The sub-topic list offers the chosen topic area's sub-topics only.
const subTopicsNarrow = () => {
  const area = mapForm.querySelector("[name=topic_area]");
  const sub = mapForm.querySelector("[name=sub_topic]");
  for (const option of sub.querySelectorAll("option[data-area]")) {
    const other = Boolean(area.value) && option.dataset.area !== area.value;
    option.hidden = other;
    option.disabled = other;
  }
  for (const group of sub.querySelectorAll("optgroup")) {
    group.hidden = [...group.children].every((option) => option.hidden);
  }
  if (sub.selectedOptions[0] && sub.selectedOptions[0].disabled) sub.value = "";
};

const stanceToggle = (value) => {
  const radio = mapForm && mapForm.querySelector(`[name=stance][value="${value}"]`);
  if (!radio) return;
  const none = mapForm.querySelector('[name=stance][value=""]');
  (radio.checked && none ? none : radio).checked = true;
};

const linkFollow = (key) => {
  const link = document.querySelector(`a[data-key="${key}"]`);
  if (link) link.click();
};

const publish = () => {
  const button = document.querySelector("#publish-form button");
  if (button) return button.click();
  const blocked = document.getElementById("publish-blocked");
  if (blocked) {
    blocked.tabIndex = -1;
    blocked.focus();
  }
};

const focusOn = (selector) => () => {
  const field = document.querySelector(selector);
  if (field) field.focus();
};

const KEYS = {
  j: () => sentenceMove(1),
  k: () => sentenceMove(-1),
  J: () => selectionExtend(1),
  K: () => selectionExtend(-1),
  f: focusOn("#topic-search"),
  t: focusOn("#map-form [name=tags]"),
  s: () => stanceToggle("supports"),
  o: () => stanceToggle("opposes"),
  m: () => stanceToggle("mixed"),
  q: () => stanceToggle("neutral"),
  p: publish,
  n: () => linkFollow("n"),
  b: () => linkFollow("b"),
};
for (let number = 1; number <= 9; number += 1) KEYS[String(number)] = () => pickPress(number);

const isTyping = (element) =>
  element.matches("textarea, select, [contenteditable], input:not([type=radio]):not([type=checkbox])");

// Single-key shortcuts follow the reviewer's choice in their Wagtail account (WCAG 2.1.4: they can be turned off).
const wagtailConfig = document.getElementById("wagtail-config");
const shortcutsOn = !wagtailConfig || JSON.parse(wagtailConfig.textContent).KEYBOARD_SHORTCUTS_ENABLED !== false;

document.addEventListener("keydown", (event) => {
  if (!shortcutsOn || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
  const target = event.target;
  if (event.key === "Escape") {
    if (isTyping(target)) target.blur();
    else window.getSelection().removeAllRanges();
    return;
  }
  if (target === search && event.key === "Enter") {
    event.preventDefault();
    return pickPress(1);
  }
  if (target.matches("#map-form [name=tags]") && event.key === "Enter") {
    event.preventDefault();
    return target.blur();
  }
  if (isTyping(target)) return;
  const action = KEYS[event.key];
  if (!action) return;
  event.preventDefault();
  action();
});

// A selection made with the mouse ends with a mouseup in the text (never one on a topic: that one is a click).
document.addEventListener("mouseup", (event) => {
  if (event.target.closest && event.target.closest(".review-source")) selectionRead();
});

if (mapForm) {
  search.hidden = false;
  search.addEventListener("input", picksFilter);
  mapForm.querySelector("[name=excerpt]").addEventListener("input", () => {
    mapForm.querySelector("[name=start]").value = "";
  });
  mapForm.querySelector("[name=topic_area]").addEventListener("change", subTopicsNarrow);
  subTopicsNarrow();
  // After a mapping the page comes back: j carries on from the sentence last selected.
  mapForm.addEventListener("submit", () => {
    if (span) sessionStorage.setItem(cursorKey, String(span.to));
  });
  picksRank("");
}
