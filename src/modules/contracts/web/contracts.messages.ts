/** The zh-CN and English strings of the service contract screens, spread into the app's dictionaries. */
export const contractsZhCN = {} satisfies Record<string, string>;

export const contractsEn: Record<keyof typeof contractsZhCN, string> = {};
