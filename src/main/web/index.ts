export { startBrowserHost, type BrowserHost, type BrowserHostOptions } from './browserHost.js';
