/** One cold open: open the store, check migrations, read the first queue screen. Prints {ms}. */
import { openLocalStore } from '../../src/main/core/store/localStore.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: coldOpen.ts <store dir>');
const t0 = performance.now();
const store = openLocalStore(dir);
const items = store.threads.queuePage('open', 0, 50);
const total = store.threads.count('open');
const ms = performance.now() - t0;
store.close();
if (items.length === 0 || total === 0) throw new Error('the seeded store has an empty queue');
process.stdout.write(JSON.stringify({ ms, items: items.length, total }));
