export declare const CLIENT_ID: string;
export declare const CLIENT_SECRET: string;
export declare function startOidcProvider(
  accounts: Map<string, { preferred_username: string; name?: string; groups: string[] }>,
  inspectorOrigin: string,
): Promise<{ issuer: string; close: () => Promise<void> }>;
