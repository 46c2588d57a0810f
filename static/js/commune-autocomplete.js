// Commune fields: suggestions from /api/v1/communes in the field's <datalist>.
// Without this script the field still works: the server accepts a typed INSEE code,
// or a name or postal code that designates exactly one commune.

const DELAY_MS = 200;
const MIN_LENGTH = 2;
// "Commercy (55122)" is what a chosen suggestion looks like: nothing more to fetch.
const CHOSEN = /\((\d{5}|2[AB]\d{3})\)\s*$/i;

function label(commune) {
  return `${commune.name} (${commune.insee})`;
}

function detail(commune) {
  const postal = commune.postal_codes.slice(0, 3).join(", ");
  return `${commune.department.name} (${commune.department.code})${postal ? " · " + postal : ""}`;
}

function enhance(input) {
  const list = document.getElementById(input.getAttribute("list"));
  const api = input.dataset.communeApi;
  if (!list || !api) {
    return;
  }
  let timer = null;
  let controller = null;
  let lastQuery = "";

  async function suggest() {
    const query = input.value.trim();
    if (query.length < MIN_LENGTH || CHOSEN.test(query) || query === lastQuery) {
      return;
    }
    lastQuery = query;
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    try {
      const response = await fetch(`${api}?q=${encodeURIComponent(query)}`, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        return;
      }
      const { results } = await response.json();
      list.replaceChildren(
        ...results.map((commune) => {
          const option = document.createElement("option");
          option.value = label(commune);
          option.label = detail(commune);
          return option;
        }),
      );
    } catch (error) {
      if (error.name !== "AbortError") {
        list.replaceChildren();
      }
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, DELAY_MS);
  });
}

for (const input of document.querySelectorAll("input[data-commune-autocomplete][list]")) {
  enhance(input);
}
