import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModel } from 'ai';
import type { Secret } from '../crypto/secret';
import type { AssistantProviderEntity } from './assistant-provider.entity';

/**
 * Servers that need no key (Ollama, LM Studio) get this word: the SDKs would otherwise read OPENAI_API_KEY and the
 * like from Inspector's own environment, a key the operator never gave this provider.
 */
const NO_KEY = 'none';

/**
 * The model a provider row names, talking through `fetch` (the host-checked one). The key is unwrapped here, at the
 * moment it is handed to the SDK that puts it in the request's headers, and nowhere else.
 */
export function languageModel(provider: AssistantProviderEntity, key: Secret | null, fetch: typeof globalThis.fetch): LanguageModel {
  const settings = { baseURL: provider.baseUrl ?? undefined, apiKey: key?.reveal() ?? NO_KEY, fetch };
  switch (provider.kind) {
    // `.chat`: the Chat Completions API, the one OpenAI-compatible servers implement.
    case 'openai':
      return createOpenAI(settings).chat(provider.model);
    case 'anthropic':
      return createAnthropic(settings)(provider.model);
    case 'google':
      return createGoogleGenerativeAI(settings)(provider.model);
  }
}
