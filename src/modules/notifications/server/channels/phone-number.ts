/** Phone numbers for SMS: what people type (138 0013 8000, 86-138…, +86…) → E.164 (+86138…). */

/** The E.164 form of a mobile number, or null when it is not one (landlines get no SMS). */
export function toE164Mobile(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.replace(/[\s\-().]/g, '');
  if (/^1[3-9]\d{9}$/.test(s)) return `+86${s}`;
  const cn = /^(?:\+|00)?86(1[3-9]\d{9})$/.exec(s);
  if (cn) return `+86${cn[1]}`;
  // Other countries: only an explicit international form is trusted.
  const intl = /^(?:\+|00)([1-9]\d{6,14})$/.exec(s);
  if (intl && !intl[1]!.startsWith('86')) return `+${intl[1]}`;
  return null;
}
