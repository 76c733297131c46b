import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/500.css';
import '@fontsource/be-vietnam-pro/700.css';
import './app/styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { sessionStore } from './features/auth/state/app-session';
import { pairingCredentialOf } from './features/auth/utils/wall-pairing.util';
import { initI18n } from './i18n/i18n';

initI18n();
// A wall display opened once with its pairing link keeps the credential and drops it from the URL.
const pairing = pairingCredentialOf(window.location);
if (pairing) {
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
  sessionStore.pairDevice(pairing);
}
// Outside React, so Strict Mode's double effects cannot spend the single-use refresh token twice.
void sessionStore.restore();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
