// "Retours similaires" loaded after the write-up page: the placeholder section is replaced
// by the server's fragment, or removed when there is nothing similar. Without JavaScript the
// placeholder's link leads to the same list on a page of its own.
for (const placeholder of document.querySelectorAll("[data-pvd-similar]")) {
  fetch(placeholder.dataset.pvdSimilar, { headers: { Accept: "text/html" }, credentials: "same-origin" })
    .then((response) => {
      if (response.status === 204) {
        placeholder.remove();
        return null;
      }
      return response.ok ? response.text() : null;
    })
    .then((html) => {
      if (!html) return;
      const template = document.createElement("template");
      template.innerHTML = html; // our own server-rendered, escaped fragment
      const section = template.content.querySelector("section");
      if (section) placeholder.replaceWith(section);
    })
    .catch(() => {}); // the link stays: the reader can still open the list
}
