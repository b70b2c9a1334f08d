/** One instance's API address, without the schemas that read its answer (the boot script asks it before they load). */
export const instanceApiPath = (id: string) => `/instances/${encodeURIComponent(id)}`;
