/** What a company logo may be, shared by server and web: never SVG (it can carry script). */
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const MAX_LOGO_BYTES = 256 * 1024;
