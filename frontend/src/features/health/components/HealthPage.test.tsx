import type { ApiError, Health } from '@inspector/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminSession, jsonResponse, renderApp } from '@/testing/render-app';

const healthy: Health = {
  status: 'ok',
  version: '1.4.0',
  uptimeSeconds: 93_784,
  storage: { status: 'up', dialect: 'postgres', latencyMs: 3.2 },
  backups: { status: 'off', lastSuccessAt: null, lastFailureAt: null },
};

const serverError: ApiError = {
  statusCode: 500,
  error: 'Internal Server Error',
  message: 'Internal server error',
  requestId: 'req-42',
};

const region = (name: string) => screen.getByRole('region', { name });

describe('HealthPage', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows a loading state, then the API and storage figures', async () => {
    let answer: (response: Response) => void = () => {};
    const fetchMock = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    vi.stubGlobal('fetch', fetchMock);

    renderApp('/health', { session: adminSession() });
    expect(screen.getByRole('status')).toHaveTextContent('Loading health');

    answer(jsonResponse(200, healthy));

    expect(await screen.findByText('1.4.0')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(within(region('API')).getByText('OK')).toBeInTheDocument();
    expect(within(region('API')).getByText('1d 2h')).toBeInTheDocument();
    expect(within(region('Storage')).getByText('Up')).toBeInTheDocument();
    expect(within(region('Storage')).getByText('PostgreSQL')).toBeInTheDocument();
    expect(within(region('Storage')).getByText('3 ms')).toBeInTheDocument();
    expect(within(region('Backups')).getByText('Off')).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith('/api/health', expect.objectContaining({ method: 'GET' }));
  });

  it('says when the last scheduled backup failed, and when one last worked', async () => {
    const failing: Health = {
      ...healthy,
      backups: { status: 'failed', lastSuccessAt: '2026-12-01T03:00:00.000Z', lastFailureAt: '2026-12-02T03:00:00.000Z' },
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(200, failing)),
    );

    renderApp('/health', { session: adminSession() });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The last scheduled backup failed');
    expect(within(alert).getByRole('link', { name: 'finding on Inspector' })).toHaveAttribute('href', '/findings?analyzer=inspector.scheduled-backup');
    expect(within(region('Backups')).getByText('Failed')).toBeInTheDocument();
    expect(within(region('Backups')).getByText(new Date('2026-12-01T03:00:00.000Z').toLocaleString())).toBeInTheDocument();
  });

  it('shows storage as down with the details of a 503 answer', async () => {
    const degraded: Health = {
      status: 'error',
      version: '1.4.0',
      uptimeSeconds: 42,
      storage: { status: 'down', dialect: 'sqlite', latencyMs: null, error: 'SQLITE_CANTOPEN: unable to open database' },
      backups: { status: 'off', lastSuccessAt: null, lastFailureAt: null },
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(503, degraded)),
    );

    renderApp('/health', { session: adminSession() });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Storage is down');
    expect(alert).toHaveTextContent('SQLITE_CANTOPEN: unable to open database');
    expect(within(region('API')).getByText('Error')).toBeInTheDocument();
    expect(within(region('API')).getByText('42s')).toBeInTheDocument();
    expect(within(region('Storage')).getByText('Down')).toBeInTheDocument();
    expect(within(region('Storage')).getByText('SQLite')).toBeInTheDocument();
    expect(within(region('Storage')).getByText('n/a')).toBeInTheDocument();
  });

  it('shows why loading failed and fetches again on Retry', async () => {
    const fetchMock = vi.fn<() => Promise<Response>>().mockResolvedValueOnce(jsonResponse(500, serverError)).mockResolvedValueOnce(jsonResponse(200, healthy));
    vi.stubGlobal('fetch', fetchMock);

    renderApp('/health', { session: adminSession() });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load health');
    expect(alert).toHaveTextContent('Internal server error');
    expect(alert).toHaveTextContent('req-42');

    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));

    expect(await screen.findByText('1.4.0')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('refreshes the figures every 10 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const fetchMock = vi
      .fn<() => Promise<Response>>()
      .mockResolvedValueOnce(jsonResponse(200, { ...healthy, uptimeSeconds: 60 }))
      .mockResolvedValueOnce(jsonResponse(200, { ...healthy, uptimeSeconds: 70 }));
    vi.stubGlobal('fetch', fetchMock);

    renderApp('/health', { session: adminSession() });
    expect(await screen.findByText('1m 0s')).toBeInTheDocument();

    await vi.advanceTimersByTimeAsync(10_000);

    expect(await screen.findByText('1m 10s')).toBeInTheDocument();
  });

  it('keeps the last figures and warns when a refresh fails', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const fetchMock = vi
      .fn<() => Promise<Response>>()
      .mockResolvedValueOnce(jsonResponse(200, healthy))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    vi.stubGlobal('fetch', fetchMock);

    renderApp('/health', { session: adminSession() });
    expect(await screen.findByText('1.4.0')).toBeInTheDocument();

    await vi.advanceTimersByTimeAsync(10_000);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Refresh failed');
    expect(alert).toHaveTextContent('Cannot reach the Inspector API');
    expect(screen.getByText('1.4.0')).toBeInTheDocument();
  });
});
