// Header search box: write-up titles suggested as you type, from /api/v1/search/suggest.
// An ARIA 1.2 combobox (input + listbox): arrows move through the suggestions, Enter opens
// the chosen write-up, Escape closes the list. Without this script the box is a plain GET
// form to /recherche, which is also what Enter does when no suggestion is chosen.

import { highlightOption } from "./listbox.js";

const DELAY_MS = 150;
const MIN_LENGTH = 2;

function enhance(input) {
  const api = input.dataset.searchSuggest;
  const form = input.form;
  if (!api || !form) {
    return;
  }
  const list = document.createElement("ul");
  list.id = `${input.id}-suggestions`;
  list.className = "pvd-suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.dataset.suggestLabel || "Suggestions");
  list.hidden = true;
  const status = document.createElement("p");
  status.className = "fr-sr-only";
  status.setAttribute("role", "status");
  form.append(list, status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("autocomplete", "off");

  let suggestions = [];
  let active = -1;
  let timer = null;
  let controller = null;
  let lastQuery = "";

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    active = highlightOption(input, list, index);
  }

  function announce(count) {
    if (!count) {
      status.textContent = "";
      return;
    }
    const one = input.dataset.suggestCountOne || "1";
    const many = input.dataset.suggestCountMany || "{n}";
    status.textContent = count === 1 ? one : many.replace("{n}", String(count));
  }

  function render(results) {
    suggestions = results;
    list.replaceChildren(
      ...results.map((item, n) => {
        const option = document.createElement("li");
        option.id = `${list.id}-${n}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.className = "pvd-suggestions__option";
        option.textContent = item.title; // text only: titles are member-written
        // mousedown, not click: the input keeps the focus until the page changes.
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          window.location.assign(item.url);
        });
        return option;
      }),
    );
    active = -1;
    if (results.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    } else {
      close();
    }
    announce(results.length);
  }

  async function suggest() {
    const query = input.value.trim();
    if (query === lastQuery) {
      return;
    }
    lastQuery = query;
    if (query.length < MIN_LENGTH) {
      render([]);
      return;
    }
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    try {
      const response = await fetch(`${api}?q=${encodeURIComponent(input.value)}`, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        render([]);
        return;
      }
      const { results } = await response.json();
      render(results || []);
    } catch (error) {
      if (error.name !== "AbortError") {
        render([]);
      }
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, DELAY_MS);
  });

  input.addEventListener("keydown", (event) => {
    const open = !list.hidden && suggestions.length > 0;
    if (event.key === "ArrowDown" && open) {
      event.preventDefault();
      highlight((active + 1) % suggestions.length);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(active <= 0 ? suggestions.length - 1 : active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      window.location.assign(suggestions[active].url);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  });

  input.addEventListener("blur", close);
  input.addEventListener("focus", () => {
    if (suggestions.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  });
}

for (const input of document.querySelectorAll("input[data-search-suggest]")) {
  enhance(input);
}
