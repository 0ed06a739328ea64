import { loadConnection } from '../features/connection/connectionSlice.js';
import { loadAppInfo, loadSession } from '../features/session/sessionSlice.js';
import { loadSettings } from '../features/settings/settingsSlice.js';
import { createAppAsyncThunk } from './thunk.js';

/** Everything the first screen needs, asked in parallel; run at start and after the host link returns. */
export const bootstrap = createAppAsyncThunk('app/bootstrap', async (_: void, { dispatch }) => {
  await Promise.all([
    dispatch(loadSettings()),
    dispatch(loadAppInfo()),
    dispatch(loadSession()),
    dispatch(loadConnection()),
  ]);
});
