/** The query string of a filter or a call's options: empty values (`undefined`, `null`, '', `false`) are left out. */
export function queryParams(values: object): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params.set(key, String(value));
  }
  return params;
}
