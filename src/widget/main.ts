/**
 * Entry of okno-widget.js. A site adds `<script src="https://HUB/widget.js" async></script>`;
 * the widget finds the hub from its own src (or data-okno-hub) and mounts once per page.
 */
// First: configures zod before any shared schema is built.
import '../shared/zodStrictCsp.js';
import { mountChatWidget } from './chatWidget.js';
import { findOwnScript, readConfig } from './config.js';

const HOST_ATTRIBUTE = 'data-okno-widget';

// Read now: document.currentScript is only set while this script first runs.
const config = readConfig(findOwnScript(), window.location, navigator.language);

function mount(): void {
  if (document.querySelector(`[${HOST_ATTRIBUTE}]`)) return;
  const host = document.createElement('div');
  host.setAttribute(HOST_ATTRIBUTE, '');
  document.body.append(host);
  mountChatWidget(host, config);
}

if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });
