/** The zh-CN and English strings of the settings admin screens, spread into the app's dictionaries. */
export const settingsZhCN = {} satisfies Record<string, string>;

export const settingsEn: Record<keyof typeof settingsZhCN, string> = {};
