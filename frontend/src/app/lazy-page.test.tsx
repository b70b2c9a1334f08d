import { render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { lazyPage, type PageComponent } from './lazy-page';

const inSuspense = (Page: PageComponent) => (
  <Suspense fallback={<p>Loading page…</p>}>
    <Page />
  </Suspense>
);

describe('lazyPage', () => {
  it('draws a preloaded page in the first render, without the loading fallback, from one load', async () => {
    const load = vi.fn(async () => ({ ReportPage: () => <h1>Report</h1> }));
    const Page = lazyPage(load, 'ReportPage');
    await Page.preload?.();
    render(inSuspense(Page));
    expect(screen.getByRole('heading', { name: 'Report' })).toBeInTheDocument();
    expect(screen.queryByText('Loading page…')).not.toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('shows the fallback while the code of a page not preloaded arrives, then the page', async () => {
    const load = vi.fn(async () => ({ ReportPage: () => <h1>Report</h1> }));
    const Page = lazyPage(load, 'ReportPage');
    render(inSuspense(Page));
    expect(screen.getByText('Loading page…')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Report' })).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads again after a failed load instead of keeping the failure', async () => {
    const load = vi
      .fn<() => Promise<{ ReportPage: () => React.ReactNode }>>()
      .mockRejectedValueOnce(new Error('network dropped'))
      .mockResolvedValue({ ReportPage: () => <h1>Report</h1> });
    const Page = lazyPage(load, 'ReportPage');
    await expect(Page.preload?.()).rejects.toThrow('network dropped');
    await Page.preload?.();
    render(inSuspense(Page));
    expect(screen.getByRole('heading', { name: 'Report' })).toBeInTheDocument();
  });
});
