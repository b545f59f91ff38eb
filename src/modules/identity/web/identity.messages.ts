/** The zh-CN and English strings of the identity admin screens, spread into the app's dictionaries. */
export const identityZhCN = {} satisfies Record<string, string>;

export const identityEn: Record<keyof typeof identityZhCN, string> = {};
