import type { Provider } from '@inspector/contracts';
import { useState } from 'react';

const STORAGE_KEY = 'inspector.assistant.provider';

function remembered(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage refused (private mode, policy): the choice is simply not remembered.
    return null;
  }
}

/** The provider last picked on this browser while it still exists, otherwise the first one. */
export function useProviderChoice(providers: readonly Provider[]): [string, (id: string) => void] {
  const [picked, setPicked] = useState<string | null>(remembered);
  const chosen = providers.find((provider) => provider.id === picked)?.id ?? providers[0]?.id ?? '';
  const choose = (id: string) => {
    setPicked(id);
    try {
      localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // As above: kept for this page only.
    }
  };
  return [chosen, choose];
}
