/** The zh-CN and English strings of the spare stores, stock and purchase order screens, spread into the app's dictionaries. */
export const sparesZhCN = {} satisfies Record<string, string>;

export const sparesEn: Record<keyof typeof sparesZhCN, string> = {};
