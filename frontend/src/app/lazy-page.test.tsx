import { render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { lazyPage } from './lazy-page';

describe('lazyPage', () => {
  it('preloads with the same loader the page renders from, and renders the named export', async () => {
    const load = vi.fn(async () => ({ ReportPage: () => <h1>Report</h1> }));
    const Page = lazyPage(load, 'ReportPage');
    await Page.preload?.();
    render(
      <Suspense fallback={<p>Loading page…</p>}>
        <Page />
      </Suspense>,
    );
    expect(await screen.findByRole('heading', { name: 'Report' })).toBeInTheDocument();
    // The preload and the render each ask; a real dynamic import answers both from one fetch of the module.
    expect(load).toHaveBeenCalledTimes(2);
  });
});
