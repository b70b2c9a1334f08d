import { z } from 'zod';
import { secretDescriptionSchema, secretInputSchema } from './secrets';

/** How the SPA shows a setting; the zod schema of the same name decides what is valid. */
export type ChannelFieldInput = 'text' | 'url' | 'email' | 'number' | 'select' | 'list';

export interface ChannelField<Name extends string = string> {
  name: Name;
  label: string;
  input: ChannelFieldInput;
  placeholder?: string;
  hint?: string;
  /** The choices of a `select`, in the order shown. */
  options?: ReadonlyArray<{ value: string; label: string }>;
  /** What a new channel's form starts with (as typed: a number is a string here). */
  initial?: string;
  /** Fields naming the same row are shown side by side, the first one taking the room left. */
  row?: string;
  /** An empty entry is sent as null (an optional setting such as a username). */
  emptyIsNull?: boolean;
  /**
   * Known values offered while typing, where the user may read them: the approved plugins, or the notifiers of the
   * plugin the form names. Any other value may still be typed (a plugin approved later, on a replica not yet aware).
   */
  suggest?: 'plugins' | 'plugin-notifiers';
}

/** The one secret a type may have; the API never returns it, only describes where it lives. */
export interface ChannelCredential<Name extends string, Settings, Optional extends boolean = boolean> {
  name: Name;
  /** What it is, lower case, for labels and messages: "signing secret". */
  label: string;
  /** `url`: the credential is the URL messages are POSTed to (an incoming webhook), checked like any webhook URL. */
  kind: 'key' | 'url';
  placeholder?: string;
  /** The channel works without it (and a change may remove it with null). */
  optional: Optional;
  /** An optional credential that some settings still need, e.g. a password once a username is set. */
  requiredWhen?: { test: (settings: Settings) => boolean; message: string };
}

/** How the channel list describes a target in one or two short lines (credential described apart). */
export interface ChannelSummary {
  main?: string;
  /** `code` for a URL, `muted` for a fixed phrase. */
  style?: 'code' | 'muted';
  detail?: string;
}

type SettingsOf<S extends z.ZodRawShape> = z.output<z.ZodObject<S>>;

export interface ChannelDeclaration<T extends string, S extends z.ZodRawShape, N extends string, O extends boolean> {
  type: T;
  label: string;
  /** One sentence under the type selector: what a message becomes. */
  description: string;
  /** The non-secret settings, as stored and shown. */
  settings: S;
  fields: ReadonlyArray<ChannelField<Extract<keyof S, string>>>;
  /** The legend of a fieldset around the fields, when they belong together (an SMTP server). */
  fieldset?: string;
  credential?: ChannelCredential<N, SettingsOf<S>, O>;
  /** The setting or credential naming where messages go, refused on save when it is an internal address. */
  sendsTo?: { field: Extract<keyof S, string> | NoInfer<N>; as: 'url' | 'host' };
  /** Rules across settings, reported on the setting at fault. */
  check?: (settings: SettingsOf<S>, ctx: z.RefinementCtx) => void;
  summary: (settings: SettingsOf<S>) => ChannelSummary;
}

type SecretInputType = ReturnType<typeof secretInputSchema>;
type Keyed<N extends string, V> = { [K in N]: V };
type Base<T extends string, S extends z.ZodRawShape> = { type: z.ZodLiteral<T> } & S;

export interface ChannelDefinition<T extends string, S extends z.ZodRawShape, N extends string, O extends boolean> extends ChannelDeclaration<T, S, N, O> {
  /** A target as created: the credential required unless optional. */
  create: z.ZodObject<Base<T, S> & Keyed<N, O extends true ? z.ZodOptional<SecretInputType> : SecretInputType>, z.core.$strict>;
  /** A target as changed: a credential left out stays; an optional one set to null is removed. */
  change: z.ZodObject<Base<T, S> & Keyed<N, O extends true ? z.ZodOptional<z.ZodNullable<SecretInputType>> : z.ZodOptional<SecretInputType>>, z.core.$strict>;
  /** A target as the API shows it: the credential described, never returned. */
  view: z.ZodObject<Base<T, S> & Keyed<N, O extends true ? z.ZodNullable<typeof secretDescriptionSchema> : typeof secretDescriptionSchema>>;
}

// Type-erased form for code that walks every definition (forms, storage); the typed form feeds the unions.
export type AnyChannelDefinition = Omit<ChannelDeclaration<string, z.ZodRawShape, string, boolean>, 'check' | 'summary' | 'credential'> & {
  credential?: ChannelCredential<string, Record<string, unknown>>;
  summary: (settings: Record<string, unknown>) => ChannelSummary;
};

const secretInput = secretInputSchema(null);

function credentialCheck<S extends z.ZodRawShape, N extends string>(
  declaration: ChannelDeclaration<string, S, N, boolean>,
  leftOutMeansKept: boolean,
): (target: Record<string, unknown>, ctx: z.RefinementCtx) => void {
  return (target, ctx) => {
    declaration.check?.(target as SettingsOf<S>, ctx);
    const { credential } = declaration;
    if (!credential?.requiredWhen?.test(target as SettingsOf<S>)) return;
    const value = target[credential.name];
    if (value === null || (value === undefined && !leftOutMeansKept))
      ctx.addIssue({ code: 'custom', path: [credential.name], message: credential.requiredWhen.message });
  };
}

/**
 * Declares a channel type once: its settings (schema and form), its credential, where it sends and how it is
 * summarised. The create, change and view schemas are built here, so the contract unions, the API's storage and the
 * SPA's form all follow the declaration.
 */
export function defineChannel<const T extends string, S extends z.ZodRawShape, const N extends string = never, const O extends boolean = false>(
  declaration: ChannelDeclaration<T, S, N, O>,
): ChannelDefinition<T, S, N, O> {
  const { type, settings, credential } = declaration;
  const withCredential = (schema: z.ZodType) => (credential ? { [credential.name]: schema } : {});
  const base = { type: z.literal(type), ...settings };
  const create = z
    .strictObject({ ...base, ...withCredential(credential?.optional ? secretInput.optional() : secretInput) })
    .superRefine(credentialCheck(declaration, false));
  const change = z
    .strictObject({ ...base, ...withCredential(credential?.optional ? secretInput.nullable().optional() : secretInput.optional()) })
    .superRefine(credentialCheck(declaration, true));
  const view = z.object({ ...base, ...withCredential(credential?.optional ? secretDescriptionSchema.nullable() : secretDescriptionSchema) });
  return { ...declaration, create, change, view } as unknown as ChannelDefinition<T, S, N, O>;
}

/**
 * Why a URL may not receive notifications, or null when it may. Credentials in the URL are refused so that
 * whatever authenticates a webhook lives in a secret field, never in a setting the API shows.
 */
export function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http:// or https:// URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an absolute http:// or https:// URL';
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
  return null;
}

/** Plain SMTP sends the password and the findings in clear, which is only acceptable without a network in between. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.toLowerCase().replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

export const webhookUrlSchema = z
  .string()
  .max(2048)
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
