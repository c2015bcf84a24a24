/**
 * Fills {{name}} placeholders. A placeholder without a value is an error (a template and its caller
 * disagree), never silently left in a prompt sent to a model.
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template placeholder {{${name}}} has no value`);
    return value;
  });
}
