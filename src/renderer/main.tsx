/**
 * The composition root of the renderer: picks the platform, builds the store and the i18n
 * instance, wires core events into the store, and renders. Nothing else creates live objects.
 */
import '../shared/zodStrictCsp.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'react-redux';
import { createLogger } from '../shared/log.js';
import { App } from './app/App.js';
import { bootstrap } from './app/bootstrap.js';
import { connectPlatformEvents } from './app/coreEvents.js';
import { createAppStore } from './app/store.js';
import { forwardNetworkOnline } from './features/connection/networkOnline.js';
import { SoftphoneContext } from './features/softphone/softphoneContext.js';
import { createSoftphone } from './features/softphone/softphoneController.js';
import { startCallStateReporter } from './features/stats/callStateReporter.js';
import { createI18n, guessLanguage } from './i18n/index.js';
import { createPlatform } from './platform/index.js';
import './styles.css';

const log = createLogger('renderer');

const platform = createPlatform();
const store = createAppStore(platform);
connectPlatformEvents(platform, store.dispatch);
const softphone = createSoftphone(platform, store, {
  notifyIncoming: (who) => {
    // Only when the window is not in front; permission is asked when the phone account is saved.
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || !document.hidden) return;
    new Notification(i18n.t('softphone.incoming'), { body: who, tag: 'okno-incoming-call' });
  },
});
const stopCallStateReporter = startCallStateReporter(platform, store);
const stopNetworkOnline = forwardNetworkOnline(platform, window);
window.addEventListener('pagehide', () => {
  stopCallStateReporter();
  stopNetworkOnline();
  softphone.dispose();
});

const i18n = createI18n(guessLanguage(navigator.languages));
document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void store.dispatch(bootstrap());

window.addEventListener('unhandledrejection', (event) => {
  log.error('unhandled rejection', { reason: String(event.reason) });
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <Provider store={store}>
      <I18nextProvider i18n={i18n}>
        <SoftphoneContext.Provider value={softphone}>
          <App />
        </SoftphoneContext.Provider>
      </I18nextProvider>
    </Provider>
  </StrictMode>,
);
