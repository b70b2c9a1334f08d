import { useNavigate, useParams } from 'react-router';
import { QueryError } from '@/components/ui/QueryError';
import { Loading } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { useChannel } from '../api/get-channel';
import { useCreateChannel } from '../api/create-channel';
import { useUpdateChannel } from '../api/update-channel';
import { channelPayload } from '../lib/channel-form';
import { ChannelForm } from './ChannelForm';
import type { PluginNotifierChoices } from './ChannelSettingsFields';

/** Values other features know, offered by the form's fields (the app passes what the user may read). */
type ChannelChoices = { pluginNotifiers?: PluginNotifierChoices };

export function NewChannelPage({ pluginNotifiers }: ChannelChoices) {
  const create = useCreateChannel();
  const navigate = useNavigate();
  return (
    <>
      <title>New channel · Inspector</title>
      <header className="page-header">
        <h1>New channel</h1>
        <p className="muted">Where notifications about findings are sent.</p>
      </header>
      <section className="panel form-panel">
        <ChannelForm
          pluginNotifiers={pluginNotifiers}
          pending={create.isPending}
          error={create.error}
          onSubmit={(draft, setErrors) => {
            const { body, errors } = channelPayload(draft, false);
            setErrors(errors);
            if (body) create.mutate(body, { onSuccess: () => void navigate(paths.notifiers.path) });
          }}
        />
      </section>
    </>
  );
}

export function EditChannelPage({ pluginNotifiers }: ChannelChoices) {
  const { id = '' } = useParams();
  const channel = useChannel(id);
  const update = useUpdateChannel(id);
  const navigate = useNavigate();
  return (
    <>
      <title>{`Edit ${channel.data?.name ?? 'channel'} · Inspector`}</title>
      <header className="page-header">
        <h1>Edit {channel.data?.name ?? 'channel'}</h1>
      </header>
      {channel.data ? (
        <section className="panel form-panel">
          <ChannelForm
            pluginNotifiers={pluginNotifiers}
            channel={channel.data}
            pending={update.isPending}
            error={update.error}
            onSubmit={(draft, setErrors) => {
              const { body, errors } = channelPayload(draft, true);
              setErrors(errors);
              if (body) update.mutate(body, { onSuccess: () => void navigate(paths.notifiers.path) });
            }}
          />
        </section>
      ) : channel.error ? (
        <QueryError title="Could not load the channel" error={channel.error} onRetry={() => void channel.refetch()} retrying={channel.isFetching} />
      ) : (
        <Loading>Loading channel…</Loading>
      )}
    </>
  );
}
