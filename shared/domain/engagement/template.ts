/**
 * Personalisation: `{{first_name}}`, `{{product}}`, `{{discount_code}}`… replaced from the
 * recipient's values; `{{first_name|there}}` gives a fallback. An unknown or empty value without a
 * fallback renders as nothing rather than leaking braces to a customer.
 */
export function renderTemplate(
  template: string,
  values: Readonly<Record<string, string | null | undefined>>,
): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*(?:\|([^}]*))?\}\}/g, (_m, key: string, fallback?: string) => {
    const v = values[key];
    return v !== undefined && v !== null && v !== '' ? v : (fallback ?? '');
  });
}
