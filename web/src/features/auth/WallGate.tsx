import { type ReactNode, useState } from 'react';
import { AuthGate } from './AuthGate.tsx';
import { DeviceNotice } from './GateViews.tsx';
import { SignInPage } from './SignInPage.tsx';

/**
 * The wall's gate: the device token (if the address brought one) signs the screen in; without
 * a session the screen shows the full-screen notice, not a form. Someone at the screen can still
 * choose to sign in with an account (a county user opening the wall from the dashboard).
 */
export function WallGate({ deviceToken, children }: { deviceToken: string | null; children: ReactNode }) {
  const [withAccount, setWithAccount] = useState(false);
  return (
    <AuthGate
      deviceToken={deviceToken}
      unattended
      signedOut={(signIn, notice) => (withAccount ? <SignInPage onSignedIn={signIn} notice={notice} /> : <DeviceNotice onUseAccount={() => setWithAccount(true)} />)}
    >
      {children}
    </AuthGate>
  );
}
