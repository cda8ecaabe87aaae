// Small DOM helpers shared by the page's modules.

/**
 * The named controls of a form, by name. Used instead of `form.length` or `form.id`-style named
 * access, where a control named like a form property ("length", "id") would shadow it or be shadowed.
 */
export function fieldsOf(form) {
  const fields = {};
  for (const element of form.querySelectorAll("[name]")) fields[element.name] = element;
  return fields;
}
