// "@" mentions in comment boxes: while a member types "@Cla…", members whose first or last
// name starts with it are offered from the textarea's data-mentions URL
// (GET /api/v1/members/suggest?q=). An ARIA 1.2 combobox on the textarea: arrows move through
// the list, Enter or Tab inserts "@Prénom Nom ", Escape closes. Without this script members
// type the name themselves; the server links it all the same.

import { highlightOption } from "./listbox.js";

const DELAY_MS = 120;
const MAX_QUERY = 40;
// "@" at the start or after a space/punctuation, then up to two words being typed.
const TRIGGER = /(?:^|[\s(>«"'])@([^\s@][^@\n]{0,40})?$/u;

let counter = 0;

function mentionQuery(textarea) {
  const before = textarea.value.slice(0, textarea.selectionStart);
  const match = TRIGGER.exec(before);
  if (!match) {
    return null;
  }
  const query = match[1] || "";
  // Stop offering once the text after "@" has more than two words (a sentence goes on).
  if (query.split(/\s+/).length > 2 || query.length > MAX_QUERY) {
    return null;
  }
  return { query, start: before.length - query.length - 1 };
}

export function enhanceMentions(textarea) {
  const api = textarea.dataset.mentions;
  if (!api || textarea.dataset.mentionsReady) {
    return;
  }
  textarea.dataset.mentionsReady = "1";
  counter += 1;
  const wrapper = document.createElement("div");
  wrapper.className = "pvd-mentions";
  textarea.parentNode.insertBefore(wrapper, textarea);
  wrapper.append(textarea);

  const list = document.createElement("ul");
  list.id = `${textarea.id || "commentaire"}-mentions-${counter}`;
  list.className = "pvd-mentions__list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", textarea.dataset.mentionsLabel || "Membres");
  list.hidden = true;
  const status = document.createElement("p");
  status.className = "fr-sr-only";
  status.setAttribute("role", "status");
  wrapper.append(list, status);

  textarea.setAttribute("role", "combobox");
  textarea.setAttribute("aria-autocomplete", "list");
  textarea.setAttribute("aria-expanded", "false");
  textarea.setAttribute("aria-controls", list.id);

  let members = [];
  let active = -1;
  let timer = null;
  let controller = null;
  let context = null;

  function close() {
    list.hidden = true;
    members = [];
    list.replaceChildren();
    textarea.setAttribute("aria-expanded", "false");
    textarea.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    active = highlightOption(textarea, list, index);
  }

  function choose(index) {
    const member = members[index];
    if (!member || !context) {
      return;
    }
    const value = textarea.value;
    const end = textarea.selectionStart;
    const inserted = `@${member.name} `;
    textarea.value = value.slice(0, context.start) + inserted + value.slice(end);
    const caret = context.start + inserted.length;
    textarea.setSelectionRange(caret, caret);
    status.textContent = (textarea.dataset.mentionsChosen || "{name}").replace("{name}", member.name);
    close();
    textarea.focus();
  }

  function render(results) {
    members = results;
    list.replaceChildren(
      ...results.map((member, n) => {
        const option = document.createElement("li");
        option.id = `${list.id}-${n}`;
        option.className = "pvd-mentions__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        const name = document.createElement("span");
        name.textContent = member.name; // text only: names are member-written
        option.append(name);
        if (member.detail) {
          const detail = document.createElement("span");
          detail.className = "pvd-mentions__detail";
          detail.textContent = member.detail;
          option.append(detail);
        }
        // mousedown, not click: the textarea keeps the focus.
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(n);
        });
        return option;
      }),
    );
    active = -1;
    if (results.length) {
      list.hidden = false;
      textarea.setAttribute("aria-expanded", "true");
      const one = textarea.dataset.mentionsCountOne || "1";
      const many = textarea.dataset.mentionsCountMany || "{n}";
      status.textContent = results.length === 1 ? one : many.replace("{n}", String(results.length));
    } else {
      list.hidden = true;
      textarea.setAttribute("aria-expanded", "false");
      textarea.removeAttribute("aria-activedescendant");
    }
  }

  async function suggest() {
    context = mentionQuery(textarea);
    if (!context || !context.query.trim()) {
      close();
      return;
    }
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    try {
      const response = await fetch(`${api}?q=${encodeURIComponent(context.query.trim())}`, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) {
        close();
        return;
      }
      const { results } = await response.json();
      render(results || []);
    } catch (error) {
      if (error.name !== "AbortError") {
        close();
      }
    }
  }

  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, DELAY_MS);
  });

  textarea.addEventListener("keydown", (event) => {
    const open = !list.hidden && members.length > 0;
    if (!open) {
      return;
    }
    if (event.key === "ArrowDown") {
      event.preventDefault();
      highlight((active + 1) % members.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight(active <= 0 ? members.length - 1 : active - 1);
    } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });

  textarea.addEventListener("blur", () => setTimeout(close, 150));
}
