import { render, screen } from '@testing-library/react';
import { Component, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { lazyPage } from './lazy-page';

class CatchFailure extends Component<{ children: ReactNode }, { message?: string }> {
  override state: { message?: string } = {};
  static getDerivedStateFromError(error: Error) {
    return { message: error.message };
  }
  override render() {
    return this.state.message ? <p role="alert">{this.state.message}</p> : this.props.children;
  }
}

describe('lazyPage', () => {
  it('draws a preloaded page in the first render, without the loading line, from one load', async () => {
    const load = vi.fn(async () => ({ ReportPage: () => <h1>Report</h1> }));
    const Page = lazyPage(load, 'ReportPage');
    await Page.preload?.();
    render(<Page />);
    expect(screen.getByRole('heading', { name: 'Report' })).toBeInTheDocument();
    expect(screen.queryByText('Loading page…')).not.toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('says the page is loading while the code of a page not preloaded arrives, then draws it', async () => {
    const load = vi.fn(async () => ({ ReportPage: () => <h1>Report</h1> }));
    const Page = lazyPage(load, 'ReportPage');
    render(<Page />);
    expect(screen.getByText('Loading page…')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Report' })).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('hands a failed load to the error boundary around the page', async () => {
    const load = vi.fn(async (): Promise<{ ReportPage: () => ReactNode }> => {
      throw new Error('network dropped');
    });
    const Page = lazyPage(load, 'ReportPage');
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <CatchFailure>
        <Page />
      </CatchFailure>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('network dropped');
  });

  it('loads again after a failed load instead of keeping the failure', async () => {
    const load = vi
      .fn<() => Promise<{ ReportPage: () => ReactNode }>>()
      .mockRejectedValueOnce(new Error('network dropped'))
      .mockResolvedValue({ ReportPage: () => <h1>Report</h1> });
    const Page = lazyPage(load, 'ReportPage');
    await expect(Page.preload?.()).rejects.toThrow('network dropped');
    await Page.preload?.();
    render(<Page />);
    expect(screen.getByRole('heading', { name: 'Report' })).toBeInTheDocument();
  });
});
