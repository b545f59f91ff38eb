/** The zh-CN and English strings of the installed base (product models, assets, import/export, history) screens, spread into the app's dictionaries. */
export const assetsZhCN = {} satisfies Record<string, string>;

export const assetsEn: Record<keyof typeof assetsZhCN, string> = {};
