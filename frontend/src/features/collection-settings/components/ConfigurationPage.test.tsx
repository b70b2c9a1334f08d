import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const catalog = {
  settings: { includeQueryText: true, queryTextMaxLength: 2000, collectors: {} },
  collectors: [
    { id: 'activity', title: 'Activity and locks', defaultIntervalSeconds: 15, defaultRetentionDays: 7, enabled: true, intervalSeconds: 15, retentionDays: 7 },
    { id: 'statements', title: 'Statements', defaultIntervalSeconds: 60, defaultRetentionDays: 14, enabled: true, intervalSeconds: 60, retentionDays: 14 },
  ],
};

const analyzer = {
  id: 'long-running-query',
  title: 'Long-running query',
  category: 'sessions',
  engines: ['postgres'],
  description: 'Queries active for too long.',
  defaultThresholds: { warningSeconds: 300, criticalSeconds: 3600 },
  thresholdUnits: { warningSeconds: 'seconds', criticalSeconds: 'seconds' },
  enabled: true,
  thresholds: { warningSeconds: 300, criticalSeconds: 3600 },
  override: { enabled: null, thresholds: {} },
};

describe('ConfigurationPage', () => {
  it('saves collection settings with only the overrides that differ from the defaults', async () => {
    const { calls } = stubApi({
      'GET /api/collectors': jsonResponse(200, catalog),
      'PUT /api/collectors/settings': ({ body }) => jsonResponse(200, body),
    });
    renderApp('/settings', { session: sessionWith(['config:read', 'config.retention:write']) });

    await userEvent.click(await screen.findByLabelText('Collect query text'));
    const interval = screen.getByLabelText('Activity and locks: interval in seconds');
    await userEvent.clear(interval);
    await userEvent.type(interval, '30');
    await userEvent.click(screen.getByLabelText('Collect Statements'));
    await userEvent.click(screen.getByRole('button', { name: 'Save collection settings' }));

    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({
      includeQueryText: false,
      queryTextMaxLength: 2000,
      collectors: { activity: { intervalSeconds: 30 }, statements: { enabled: false } },
    });
  });

  it('shows a field error instead of sending an interval out of bounds', async () => {
    const { calls } = stubApi({ 'GET /api/collectors': jsonResponse(200, catalog) });
    renderApp('/settings', { session: sessionWith(['config:read', 'config.retention:write']) });

    const interval = await screen.findByLabelText('Activity and locks: interval in seconds');
    await userEvent.clear(interval);
    await userEvent.type(interval, '2');
    await userEvent.click(screen.getByRole('button', { name: 'Save collection settings' }));
    expect(interval).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Between 5 and 86400 seconds')).toBeInTheDocument();
    expect(calls.some((call) => call.method === 'PUT')).toBe(false);
  });

  it('shows the default storage tiers when none were saved and sends all three once one changes', async () => {
    const { calls } = stubApi({
      'GET /api/collectors': jsonResponse(200, catalog),
      'PUT /api/collectors/settings': ({ body }) => jsonResponse(200, body),
    });
    renderApp('/settings', { session: sessionWith(['config:read', 'config.retention:write']) });

    const tiers = await screen.findByRole('group', { name: 'Storage tiers' });
    const raw = within(tiers).getByLabelText('Raw points (days)');
    expect(raw).toHaveValue(2);
    expect(within(tiers).getByLabelText('5-minute rollups (days)')).toHaveValue(31);
    expect(within(tiers).getByLabelText('Hourly rollups (days)')).toHaveValue(365);
    expect(raw).toHaveAccessibleDescription(/Full detail, for charts within the last 2 days/);
    await userEvent.clear(raw);
    await userEvent.type(raw, '7');
    expect(raw).toHaveAccessibleDescription(/within the last 7 days/);
    await userEvent.click(screen.getByRole('button', { name: 'Save collection settings' }));

    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({
      includeQueryText: true,
      queryTextMaxLength: 2000,
      collectors: {},
      tiers: { rawDays: 7, fiveMinuteDays: 31, hourDays: 365 },
    });
  });

  it('keeps saved storage tiers when saving a change elsewhere', async () => {
    const tiers = { rawDays: 3, fiveMinuteDays: 90, hourDays: 730 };
    const { calls } = stubApi({
      'GET /api/collectors': jsonResponse(200, { ...catalog, settings: { ...catalog.settings, tiers } }),
      'PUT /api/collectors/settings': ({ body }) => jsonResponse(200, body),
    });
    renderApp('/settings', { session: sessionWith(['config:read', 'config.retention:write']) });

    expect(await screen.findByLabelText('5-minute rollups (days)')).toHaveValue(90);
    await userEvent.click(screen.getByLabelText('Collect query text'));
    await userEvent.click(screen.getByRole('button', { name: 'Save collection settings' }));

    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ includeQueryText: false, queryTextMaxLength: 2000, collectors: {}, tiers });
  });

  it('refuses a tier beyond the contract’s bounds on the field, sending nothing', async () => {
    const { calls } = stubApi({ 'GET /api/collectors': jsonResponse(200, catalog) });
    renderApp('/settings', { session: sessionWith(['config:read', 'config.retention:write']) });

    const raw = await screen.findByLabelText('Raw points (days)');
    await userEvent.clear(raw);
    await userEvent.type(raw, '45');
    await userEvent.click(screen.getByRole('button', { name: 'Save collection settings' }));
    expect(raw).toHaveAttribute('aria-invalid', 'true');
    expect(raw).toHaveAccessibleDescription(/Between 1 and 30 days/);
    expect(calls.some((call) => call.method === 'PUT')).toBe(false);
  });

  it('says a collector’s retention caps its whole history', async () => {
    stubApi({ 'GET /api/collectors': jsonResponse(200, catalog) });
    renderApp('/settings', { session: sessionWith(['config:read', 'config.retention:write']) });

    expect(await screen.findByRole('columnheader', { name: 'History kept at most (days)' })).toBeInTheDocument();
    expect(screen.getByText(/A collector's retention caps every storage tier for its data/)).toBeInTheDocument();
  });

  it('shows the tiers read-only without the retention permission', async () => {
    stubApi({ 'GET /api/collectors': jsonResponse(200, catalog) });
    renderApp('/settings', { session: sessionWith(['config:read']) });

    expect(await screen.findByLabelText('Hourly rollups (days)')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save collection settings' })).not.toBeInTheDocument();
  });

  it('overrides an analyzer threshold, sending only the changed one', async () => {
    let stored = analyzer;
    const { calls } = stubApi({
      'GET /api/analyzers': () => jsonResponse(200, { instanceId: null, items: [stored] }),
      'PUT /api/analyzers/long-running-query': () => {
        stored = {
          ...analyzer,
          thresholds: { warningSeconds: 120, criticalSeconds: 3600 },
          override: { enabled: null, thresholds: { warningSeconds: 120 } },
        } as typeof analyzer;
        return jsonResponse(200, stored);
      },
    });
    renderApp('/settings', { session: sessionWith(['config.thresholds:write']) });

    const form = await screen.findByRole('form', { name: 'Long-running query' });
    expect(screen.queryByRole('region', { name: 'Collection' })).not.toBeInTheDocument();
    const warning = within(form).getByLabelText('Warning (seconds)');
    expect(within(form).getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.clear(warning);
    await userEvent.type(warning, '120');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));

    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ thresholds: { warningSeconds: 120 } });
    expect(await within(form).findByText('warningSeconds: default 300, overridden')).toBeInTheDocument();
  });

  it('denies the page to users with no settings permission', async () => {
    renderApp('/settings', { session: sessionWith(['instances:read']) });
    expect(await screen.findByRole('heading', { level: 1, name: /You do not have permission/ })).toBeInTheDocument();
  });
});
