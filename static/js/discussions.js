// Discussions under a write-up, enhanced: "Utile" toggles without reloading the page,
// "Répondre" opens the comment form under the thread, "Citer" fills it with a quote, and
// comment boxes suggest members after "@" (mentions.js). Without this script every action
// is a plain link or form that works the same way.

import { enhanceMentions } from "./mentions.js";

const status = document.querySelector("[data-discussion-status]");

function announce(message) {
  if (status) {
    status.textContent = "";
    // A fresh text node is announced even when the message repeats.
    window.setTimeout(() => {
      status.textContent = message;
    }, 50);
  }
}

// --- "Utile" ------------------------------------------------------------------------------

function setUseful(form, data) {
  const button = form.querySelector("button");
  const input = form.querySelector("input[name=useful]");
  const count = form.querySelector("[data-useful-count]");
  button.setAttribute("aria-pressed", data.pressed ? "true" : "false");
  button.classList.toggle("fr-icon-thumb-up-fill", data.pressed);
  button.classList.toggle("fr-icon-thumb-up-line", !data.pressed);
  input.value = data.pressed ? "0" : "1";
  if (count) {
    count.children[0].textContent = data.count.toLocaleString("fr-FR");
    count.children[1].textContent = data.label;
  }
}

for (const form of document.querySelectorAll("form[data-useful]")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const type = response.headers.get("Content-Type") || "";
      if (!type.includes("application/json")) {
        form.submit();
        return;
      }
      const data = await response.json();
      if (response.ok) {
        setUseful(form, data);
        announce(data.message);
      } else {
        announce(data.error ? data.error.message : "");
      }
    } catch (error) {
      form.submit();
    } finally {
      button.disabled = false;
    }
  });
}

// --- Comment forms: mentions, replies, quotes ---------------------------------------------

const mainForm = document.querySelector("form[data-comment-form]");
for (const textarea of document.querySelectorAll("textarea[data-mentions]")) {
  enhanceMentions(textarea);
}

function mainTextarea() {
  return mainForm.querySelector("textarea");
}

function openReply(link) {
  const slot = document.querySelector(`[data-reply-slot="${link.dataset.thread}"]`);
  if (!slot) {
    return false;
  }
  const existing = slot.querySelector("form");
  if (existing) {
    existing.querySelector("[data-reply-to]").value = link.dataset.reply;
    existing.querySelector("[data-form-title]").textContent = mainForm.dataset.replyLabel.replace(
      "{name}",
      link.dataset.name,
    );
    existing.querySelector("textarea").focus();
    return true;
  }
  const form = mainForm.cloneNode(true);
  form.removeAttribute("id");
  form.classList.remove("fr-mt-4w");
  const textarea = form.querySelector("textarea");
  // Fresh ids for the copy: the label, the messages and the suggestions follow.
  const id = `reponse-${link.dataset.thread}`;
  form.querySelector("label").setAttribute("for", id);
  const messages = form.querySelector(".fr-messages-group");
  if (messages) {
    messages.id = `${id}-messages`;
    textarea.setAttribute("aria-describedby", messages.id);
  }
  textarea.id = id;
  textarea.value = "";
  delete textarea.dataset.mentionsReady;
  // The copy of the original's mention wrapper: unwrap the textarea, drop the old list.
  const wrapper = form.querySelector(".pvd-mentions");
  if (wrapper) {
    wrapper.replaceWith(textarea);
  }
  textarea.removeAttribute("role");
  textarea.removeAttribute("aria-expanded");
  textarea.removeAttribute("aria-controls");
  textarea.removeAttribute("aria-autocomplete");
  form.querySelector("[data-reply-to]").value = link.dataset.reply;
  const title = form.querySelector("[data-form-title]");
  title.textContent = mainForm.dataset.replyLabel.replace("{name}", link.dataset.name);
  title.id = `${id}-titre`;
  form.setAttribute("aria-labelledby", title.id);
  form.querySelector("[data-submit]").textContent = mainForm.dataset.replySubmit;
  const cancelItem = document.createElement("li");
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "fr-btn fr-btn--secondary";
  cancel.textContent = mainForm.dataset.cancelLabel;
  cancel.addEventListener("click", () => {
    form.remove();
    link.focus();
  });
  cancelItem.append(cancel);
  form.querySelector("[data-form-buttons]").append(cancelItem);
  slot.append(form);
  enhanceMentions(textarea);
  textarea.focus();
  return true;
}

function quoteText(link) {
  const article = document.getElementById(`commentaire-${link.dataset.quote}`);
  const body = article && article.querySelector("[data-comment-body]");
  if (!body) {
    return null;
  }
  const lines = body.innerText.trim().split("\n");
  const quoted = lines.map((line) => (line.trim() ? `> ${line}` : ">")).join("\n");
  const name = link.dataset.name.replace(/([\\`*_{}[\]()#+\-.!|<>~])/g, "\\$1");
  const heading = (mainForm.dataset.quoteLabel || "{name} :").replace("{name}", name);
  return `> ${heading}\n>\n${quoted}\n\n`;
}

if (mainForm) {
  document.addEventListener("click", (event) => {
    const reply = event.target.closest("a[data-reply]");
    if (reply && openReply(reply)) {
      event.preventDefault();
      return;
    }
    const quote = event.target.closest("a[data-quote]");
    if (quote) {
      const text = quoteText(quote);
      if (text === null) {
        return;
      }
      event.preventDefault();
      const textarea = mainTextarea();
      const current = textarea.value.trim();
      textarea.value = current ? `${current}\n\n${text}` : text;
      textarea.focus();
      textarea.setSelectionRange(textarea.value.length, textarea.value.length);
      textarea.scrollIntoView({ block: "center" });
    }
  });
}

// Everything above is wired: say so (styles and browser tests can rely on it).
const section = document.getElementById("discussion");
if (section) {
  section.dataset.enhanced = "true";
}
