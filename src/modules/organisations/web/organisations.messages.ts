/** The zh-CN and English strings of the organisations admin screens, spread into the app's dictionaries. */
export const organisationsZhCN = {} satisfies Record<string, string>;

export const organisationsEn: Record<keyof typeof organisationsZhCN, string> = {};
