// Write-up editor: live Markdown preview rendered by the server's sanitiser, and a warning
// before leaving the page with unsaved changes. Without JavaScript the form keeps working:
// the "Prévisualiser" button re-renders the page with the same preview.

const PREVIEW_DELAY_MS = 400;

function setupPreview(form, textarea) {
  const panel = form.querySelector(`[data-preview-for="${textarea.id}"]`);
  const body = panel && panel.querySelector("[data-preview-body]");
  if (!body) return;
  const url = form.dataset.previewUrl;
  const token = form.querySelector('input[name="csrf_token"]');
  const empty = body.dataset.emptyText || "";
  let timer = null;
  let sent = 0; // answers can arrive out of order: only the latest request may write
  let shown = textarea.value;

  async function refresh() {
    const source = textarea.value;
    if (source === shown) return;
    const number = ++sent;
    panel.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "", Accept: "application/json" },
        body: new URLSearchParams({ markdown: source }),
      });
      if (number !== sent) return;
      if (!response.ok) throw new Error(`preview: HTTP ${response.status}`);
      const data = await response.json();
      // The HTML comes from the server's one sanitiser (core/markup.py), like the published page.
      if (data.html) {
        body.innerHTML = data.html;
      } else {
        const placeholder = document.createElement("p");
        placeholder.className = "pvd-muted";
        placeholder.textContent = empty;
        body.replaceChildren(placeholder);
      }
      shown = source;
      panel.classList.remove("pvd-preview--stale");
    } catch (error) {
      if (number === sent) panel.classList.add("pvd-preview--stale");
    } finally {
      if (number === sent) panel.removeAttribute("aria-busy");
    }
  }

  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, PREVIEW_DELAY_MS);
  });
}

function setupUnsavedWarning(form) {
  // A page re-rendered after a preview or a refused submission holds unsaved text already.
  let dirty = form.hasAttribute("data-unsaved");
  const markDirty = () => { dirty = true; };
  form.addEventListener("input", markDirty);
  form.addEventListener("change", markDirty);
  form.addEventListener("submit", () => { dirty = false; });
  window.addEventListener("beforeunload", (event) => {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers need it to show their confirmation
  });
}

for (const form of document.querySelectorAll("form[data-writeup-editor]")) {
  for (const textarea of form.querySelectorAll("textarea[data-markdown]")) {
    setupPreview(form, textarea);
  }
  setupUnsavedWarning(form);
}
