import type { Role } from '@inspector/contracts';
import { useId, useState } from 'react';
import { parseTags } from '@/lib/tags';
import { newAssignmentDraft, type AssignmentDraft } from './assignments';

/** What the app can tell about instances, for choosing a scope (empty without instances:read). */
export type InstanceChoice = { id: string; name: string };

type AssignmentsEditorProps = {
  drafts: AssignmentDraft[];
  onChange: (drafts: AssignmentDraft[]) => void;
  roles: readonly Role[];
  instances: readonly InstanceChoice[];
  problems: Map<number, string>;
};

export function AssignmentsEditor({ drafts, onChange, roles, instances, problems }: AssignmentsEditorProps) {
  const update = (key: number, change: Partial<AssignmentDraft>) => onChange(drafts.map((draft) => (draft.key === key ? { ...draft, ...change } : draft)));
  return (
    <fieldset className="fieldset">
      <legend>Roles</legend>
      {drafts.length === 0 && <p className="muted">No roles: the user can log in but sees nothing.</p>}
      <ol className="assignments">
        {drafts.map((draft, index) => (
          <AssignmentRow
            key={draft.key}
            index={index}
            draft={draft}
            roles={roles}
            instances={instances}
            problem={problems.get(draft.key)}
            onChange={(change) => update(draft.key, change)}
            onRemove={() => onChange(drafts.filter((other) => other.key !== draft.key))}
          />
        ))}
      </ol>
      <div>
        <button type="button" onClick={() => onChange([...drafts, newAssignmentDraft()])}>
          Add a role
        </button>
      </div>
    </fieldset>
  );
}

type AssignmentRowProps = {
  index: number;
  draft: AssignmentDraft;
  roles: readonly Role[];
  instances: readonly InstanceChoice[];
  problem: string | undefined;
  onChange: (change: Partial<AssignmentDraft>) => void;
  onRemove: () => void;
};

function AssignmentRow({ index, draft, roles, instances, problem, onChange, onRemove }: AssignmentRowProps) {
  const id = useId();
  const number = index + 1;
  const toggleInstance = (instanceId: string, checked: boolean) =>
    onChange({ instanceIds: checked ? [...draft.instanceIds, instanceId] : draft.instanceIds.filter((other) => other !== instanceId) });
  return (
    <li className="assignment" aria-label={`Assignment ${number}`}>
      <div className="assignment-main">
        <div className="field">
          <label htmlFor={`${id}-role`}>Role {number}</label>
          <select
            id={`${id}-role`}
            value={draft.roleId}
            onChange={(event) => onChange({ roleId: event.target.value })}
            aria-invalid={problem ? true : undefined}
          >
            <option value="">Choose a role…</option>
            {roles.map((role) => (
              <option key={role.id} value={role.id}>
                {role.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-scope`}>Applies to</label>
          <select id={`${id}-scope`} value={draft.scoped ? 'some' : 'all'} onChange={(event) => onChange({ scoped: event.target.value === 'some' })}>
            <option value="all">All instances</option>
            <option value="some">Chosen instances or tags</option>
          </select>
        </div>
        <button type="button" className="small" onClick={onRemove} aria-label={`Remove role ${number}`}>
          Remove
        </button>
      </div>
      {draft.scoped && (
        <div className="assignment-scope">
          {instances.length > 0 ? (
            <fieldset className="fieldset-plain">
              <legend>Instances</legend>
              <ul className="checkbox-list">
                {instances.map((instance) => (
                  <li key={instance.id}>
                    <label>
                      <input
                        type="checkbox"
                        checked={draft.instanceIds.includes(instance.id)}
                        onChange={(event) => toggleInstance(instance.id, event.target.checked)}
                      />{' '}
                      {instance.name}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          ) : (
            <div className="field">
              <label htmlFor={`${id}-ids`}>Instance IDs</label>
              <IdsInput id={`${id}-ids`} ids={draft.instanceIds} onChange={(instanceIds) => onChange({ instanceIds })} />
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-tags`}>Tags</label>
            <input
              id={`${id}-tags`}
              value={draft.tags}
              placeholder="production, eu-west"
              onChange={(event) => onChange({ tags: event.target.value })}
              aria-describedby={`${id}-tags-hint`}
            />
            <p id={`${id}-tags-hint`} className="field-hint">
              Instances carrying any of these tags, now or later.
            </p>
          </div>
        </div>
      )}
      {problem && <p className="field-error">{problem}</p>}
    </li>
  );
}

/** Free text kept as typed (so separators survive), parsed into ids on every change. */
function IdsInput({ id, ids, onChange }: { id: string; ids: string[]; onChange: (ids: string[]) => void }) {
  const [text, setText] = useState(ids.join(', '));
  return (
    <input
      id={id}
      value={text}
      spellCheck={false}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseTags(event.target.value));
      }}
    />
  );
}
