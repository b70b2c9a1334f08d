/** "prod, eu-west db" → ["prod", "eu-west", "db"]: commas or spaces, duplicates dropped. */
export const parseTags = (text: string): string[] => [...new Set(text.split(/[\s,]+/).filter(Boolean))];
