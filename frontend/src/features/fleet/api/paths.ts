/** The fleet board's API address, without the schema that reads its answer (the boot script asks it before that loads). */
export const FLEET_PATH = '/fleet';
