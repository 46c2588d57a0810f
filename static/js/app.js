// Réseau PVD: small progressive enhancements on top of the DSFR script.

// The DSFR header menu becomes a dialog (role="dialog") only when its script opens it on
// small screens; the HTML itself may not name a plain <div> with aria-labelledby, so the
// name is attached here, where the role is too.
for (const element of document.querySelectorAll("[data-pvd-labelledby]")) {
  element.setAttribute("aria-labelledby", element.dataset.pvdLabelledby);
}
