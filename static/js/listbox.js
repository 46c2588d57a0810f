// The option list shared by the comboboxes (header search suggestions, member mentions):
// marks option ``index`` selected and points the field's aria-activedescendant at it (-1: none).
export function highlightOption(field, list, index) {
  list.querySelectorAll("[role=option]").forEach((option, n) => {
    option.setAttribute("aria-selected", n === index ? "true" : "false");
  });
  if (index >= 0) {
    field.setAttribute("aria-activedescendant", `${list.id}-${index}`);
    list.children[index].scrollIntoView({ block: "nearest" });
  } else {
    field.removeAttribute("aria-activedescendant");
  }
  return index;
}
