/** The zh-CN and English strings of the calendars admin screens, spread into the app's dictionaries. */
export const calendarsZhCN = {} satisfies Record<string, string>;

export const calendarsEn: Record<keyof typeof calendarsZhCN, string> = {};
