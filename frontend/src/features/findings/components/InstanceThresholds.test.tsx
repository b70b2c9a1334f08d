import type { AnalyzerConfig } from '@inspector/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { instance } from '@/testing/fixtures';
import { fill, jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

/** Min index size overridden on the instance, min table rows set globally, the switch left at its default. */
const unusedIndex = (overrides: Partial<AnalyzerConfig> = {}): AnalyzerConfig => ({
  id: 'unused-index',
  title: 'Unused index',
  category: 'indexes',
  engines: ['postgres'],
  description: 'Indexes never scanned.',
  defaultThresholds: { minIndexSizeMb: 10, minTableRows: 10_000 },
  thresholdUnits: { minIndexSizeMb: 'megabytes', minTableRows: 'count' },
  enabled: true,
  thresholds: { minIndexSizeMb: 0, minTableRows: 500 },
  override: { enabled: null, thresholds: { minIndexSizeMb: 0 } },
  ...overrides,
});

const longQuery: AnalyzerConfig = {
  id: 'long-running-query',
  title: 'Long-running query',
  category: 'sessions',
  engines: ['postgres'],
  description: 'Queries active for too long.',
  defaultThresholds: { warningSeconds: 300 },
  thresholdUnits: { warningSeconds: 'seconds' },
  enabled: false,
  thresholds: { warningSeconds: 300 },
  override: { enabled: false, thresholds: {} },
};

function stubInstanceAnalyzers(items: AnalyzerConfig[], handlers: Parameters<typeof stubApi>[0] = {}) {
  return stubApi({
    'GET /api/instances/i-1': jsonResponse(200, instance()),
    'GET /api/instances/i-1/analyzers': () => jsonResponse(200, { instanceId: 'i-1', items }),
    ...handlers,
  });
}

const openThresholds = (permission: 'config.thresholds:read' | 'config.thresholds:write') =>
  renderApp('/instances/i-1/thresholds', { session: sessionWith(['instances:read', permission]) });

describe('an instance’s Thresholds tab', () => {
  it('shows each value that applies with where it comes from: this instance, the global settings or the default', async () => {
    stubInstanceAnalyzers([unusedIndex(), longQuery]);
    openThresholds('config.thresholds:write');

    const tabs = within(await screen.findByRole('navigation', { name: 'Instance sections' }));
    expect(tabs.getByRole('link', { name: 'Thresholds' })).toHaveAttribute('aria-current', 'page');
    const form = await screen.findByRole('form', { name: 'Unused index' });
    expect(within(form).getByLabelText('Min index size (MB)')).toHaveValue('0');
    expect(within(form).getByText('minIndexSizeMb: this instance, default 10')).toBeInTheDocument();
    expect(within(form).getByLabelText('Min table rows')).toHaveValue('500');
    expect(within(form).getByText('minTableRows: global setting, default 10000')).toBeInTheDocument();
    expect(within(form).getByText('On: default')).toBeInTheDocument();
    // Only what this instance overrides can be reset here.
    expect(within(form).getByRole('button', { name: 'Reset Min index size (MB) to inherited' })).toBeInTheDocument();
    expect(within(form).queryByRole('button', { name: /Reset Min table rows/ })).not.toBeInTheDocument();

    const sessions = screen.getByRole('form', { name: 'Long-running query' });
    expect(within(sessions).getByRole('checkbox', { name: 'Long-running query' })).not.toBeChecked();
    expect(within(sessions).getByText('Off: this instance')).toBeInTheDocument();
    expect(within(sessions).getByText('warningSeconds: default')).toBeInTheDocument();
  });

  it('overrides a threshold on this instance only, even one set back to its default', async () => {
    let stored = unusedIndex({ thresholds: { minIndexSizeMb: 10, minTableRows: 500 }, override: { enabled: null, thresholds: {} } });
    const { calls } = stubInstanceAnalyzers([], {
      'GET /api/instances/i-1/analyzers': () => jsonResponse(200, { instanceId: 'i-1', items: [stored] }),
      'PUT /api/instances/i-1/analyzers/unused-index': () => {
        stored = unusedIndex({ thresholds: { minIndexSizeMb: 10, minTableRows: 10_000 }, override: { enabled: null, thresholds: { minTableRows: 10_000 } } });
        return jsonResponse(200, stored);
      },
    });
    openThresholds('config.thresholds:write');

    const form = await screen.findByRole('form', { name: 'Unused index' });
    const rows = within(form).getByLabelText('Min table rows');
    await userEvent.clear(rows);
    await fill(rows, '10000');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));

    expect(await within(form).findByRole('status')).toHaveTextContent('Saved');
    expect(calls.filter((call) => call.method === 'PUT').map((call) => call.body)).toEqual([{ thresholds: { minTableRows: 10_000 } }]);
    expect(within(form).getByText('minTableRows: this instance, default 10000')).toBeInTheDocument();
    expect(calls.some((call) => call.path.startsWith('/api/analyzers'))).toBe(false);
  });

  it('resets an override to inherit again by sending null, for a threshold and for on or off', async () => {
    let stored = [unusedIndex(), longQuery];
    const { calls } = stubInstanceAnalyzers([], {
      'GET /api/instances/i-1/analyzers': () => jsonResponse(200, { instanceId: 'i-1', items: stored }),
      'PUT /api/instances/i-1/analyzers/unused-index': () => {
        stored = [unusedIndex({ thresholds: { minIndexSizeMb: 10, minTableRows: 500 }, override: { enabled: null, thresholds: {} } }), stored[1]!];
        return jsonResponse(200, stored[0]);
      },
      'PUT /api/instances/i-1/analyzers/long-running-query': () => {
        stored = [stored[0]!, { ...longQuery, enabled: true, override: { enabled: null, thresholds: {} } }];
        return jsonResponse(200, stored[1]);
      },
    });
    openThresholds('config.thresholds:write');

    const form = await screen.findByRole('form', { name: 'Unused index' });
    await userEvent.click(within(form).getByRole('button', { name: 'Reset Min index size (MB) to inherited' }));
    expect(within(form).getByLabelText('Min index size (MB)')).toHaveValue('');
    expect(within(form).getByText('minIndexSizeMb: inherited once saved')).toBeInTheDocument();
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('minIndexSizeMb: default')).toBeInTheDocument();
    expect(within(form).getByLabelText('Min index size (MB)')).toHaveValue('10');

    const sessions = screen.getByRole('form', { name: 'Long-running query' });
    await userEvent.click(within(sessions).getByRole('button', { name: 'Reset on or off to inherited' }));
    await userEvent.click(within(sessions).getByRole('button', { name: 'Save' }));
    expect(await within(sessions).findByText('On: default')).toBeInTheDocument();
    expect(within(sessions).getByRole('checkbox', { name: 'Long-running query' })).toBeChecked();

    expect(calls.filter((call) => call.method === 'PUT').map((call) => [call.path, call.body])).toEqual([
      ['/api/instances/i-1/analyzers/unused-index', { thresholds: { minIndexSizeMb: null } }],
      ['/api/instances/i-1/analyzers/long-running-query', { enabled: null }],
    ]);
  });

  // The SPA offers editing to anyone holding the write permission somewhere; the API decides for this instance.
  it('shows a refused save on the analyzer it belongs to', async () => {
    stubInstanceAnalyzers([unusedIndex(), longQuery], {
      'PUT /api/instances/i-1/analyzers/unused-index': jsonResponse(403, {
        statusCode: 403,
        error: 'Forbidden',
        message: 'Requires permission config.thresholds:write',
      }),
    });
    openThresholds('config.thresholds:write');

    const form = await screen.findByRole('form', { name: 'Unused index' });
    await userEvent.clear(within(form).getByLabelText('Min table rows'));
    await fill(within(form).getByLabelText('Min table rows'), '0');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent('Requires permission config.thresholds:write');
    expect(within(screen.getByRole('form', { name: 'Long-running query' })).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows read-only users the values and their origin, with nothing to edit', async () => {
    stubInstanceAnalyzers([unusedIndex(), longQuery]);
    openThresholds('config.thresholds:read');

    const analyzer = await screen.findByRole('region', { name: 'Unused index' });
    const value = (label: string) => within(analyzer).getByText(label, { selector: 'dt' }).nextElementSibling;
    expect(value('Min index size (MB)')).toHaveTextContent('0 (this instance, default 10)');
    expect(value('Min table rows')).toHaveTextContent('500 (global setting, default 10000)');
    expect(value('On or off')).toHaveTextContent('On (default)');
    const main = screen.getByRole('main');
    expect(within(main).queryByRole('textbox')).not.toBeInTheDocument();
    expect(within(main).queryByRole('checkbox')).not.toBeInTheDocument();
    expect(within(main).queryByRole('button')).not.toBeInTheDocument();
  });
});
