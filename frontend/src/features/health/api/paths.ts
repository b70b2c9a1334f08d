/** Inspector's own health, without the schema that reads the answer (the boot script asks it before that loads). */
export const HEALTH_PATH = '/health';
