import { channelDefinition, type Channel } from '@inspector/contracts';
import { SecretSummary } from '@/components/ui/SecretFields';
import { credentialOf } from '../lib/channel-form';

/** Where a channel sends, as its type's definition summarises it, and its credential described (never shown). */
export function ChannelTargetSummary({ channel }: { channel: Channel }) {
  const definition = channelDefinition(channel.target.type);
  const { main, style, detail } = definition.summary(channel.target);
  const secret = credentialOf(channel);
  const credential = definition.credential && secret && (
    <>
      {definition.credential.label}: <SecretSummary secret={secret} />
    </>
  );
  return (
    <>
      {main && (style === 'code' ? <code className="url">{main}</code> : style === 'muted' ? <span className="muted">{main}</span> : main)}
      {(detail || credential) && (
        <div className="muted">
          {detail}
          {detail && credential && ' · '}
          {credential}
        </div>
      )}
    </>
  );
}
