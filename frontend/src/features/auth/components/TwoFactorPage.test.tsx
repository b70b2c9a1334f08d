import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError } from '@/testing/fixtures';
import { fill, jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const off = { available: true, totpEnabled: false, enrolmentRequired: false };
const enrolment = { secret: 'JBSWY3DPEHPK3PXP', otpauthUrl: 'otpauth://totp/Inspector:bob?secret=JBSWY3DPEHPK3PXP', qrDataUrl: 'data:image/png;base64,AAAA' };
const codes = Array.from({ length: 10 }, (_, index) => `CODE-000${index}-AAAA-BBBB`);

describe('TwoFactorPage', () => {
  it('enrols with the QR code and a first code, then shows the recovery codes once', async () => {
    const { calls } = stubApi({
      'GET /api/auth/mfa': jsonResponse(200, off),
      'POST /api/auth/mfa/totp/enrol': jsonResponse(200, enrolment),
      'POST /api/auth/mfa/totp/confirm': jsonResponse(200, { recoveryCodes: codes }),
    });
    renderApp('/account/two-factor', { session: sessionWith([]) });

    await userEvent.click(await screen.findByRole('button', { name: 'Set up an authenticator app' }));
    expect(await screen.findByRole('img', { name: 'QR code for your authenticator app' })).toHaveAttribute('src', enrolment.qrDataUrl);
    expect(screen.getByText(enrolment.secret)).toBeInTheDocument();
    await fill(screen.getByLabelText('2. Enter the code the app shows'), '654321');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));

    const list = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(list.querySelectorAll('li')).toHaveLength(10);
    expect(screen.getByRole('button', { name: 'Copy recovery codes' })).toBeInTheDocument();
    expect(calls.find((call) => call.path === '/api/auth/mfa/totp/confirm')?.body).toEqual({ code: '654321' });
  });

  it('shows a wrong first code’s message and stays off', async () => {
    stubApi({
      'GET /api/auth/mfa': jsonResponse(200, { ...off, enrolmentRequired: true }),
      'POST /api/auth/mfa/totp/enrol': jsonResponse(200, enrolment),
      'POST /api/auth/mfa/totp/confirm': jsonResponse(400, apiError(400, 'That code is not right')),
    });
    renderApp('/account/two-factor', { session: sessionWith([]) });

    expect(await screen.findByText(/Your administrator requires a second factor/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Set up an authenticator app' }));
    await fill(await screen.findByLabelText('2. Enter the code the app shows'), '000000');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));

    expect(await screen.findByText('That code is not right')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Recovery codes' })).not.toBeInTheDocument();
  });

  it('says an admin resets it once it is on', async () => {
    stubApi({ 'GET /api/auth/mfa': jsonResponse(200, { ...off, totpEnabled: true }) });
    renderApp('/account/two-factor', { session: sessionWith([]) });

    expect(await screen.findByText(/Two-factor authentication is on/)).toHaveTextContent('Ask an admin to reset your second factor');
    expect(screen.queryByRole('button', { name: 'Set up an authenticator app' })).not.toBeInTheDocument();
  });

  it('sends a session that must enrol first (AUTH_MFA_REQUIRED) from any page to this one', async () => {
    stubApi({ 'GET /api/auth/mfa': jsonResponse(200, { ...off, enrolmentRequired: true }) });
    renderApp('/', { session: { ...sessionWith([]), mfaEnrolmentRequired: true } });

    expect(await screen.findByRole('heading', { level: 1, name: 'Two-factor authentication' })).toBeInTheDocument();
    expect(await screen.findByText(/Your administrator requires a second factor/)).toBeInTheDocument();
  });
});
