/** The zh-CN and English strings of the RMA board and detail, and the RMA parts of the case page and portal screens, spread into the app's dictionaries. */
export const rmaZhCN = {} satisfies Record<string, string>;

export const rmaEn: Record<keyof typeof rmaZhCN, string> = {};
