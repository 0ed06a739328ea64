import { createSlice } from '@reduxjs/toolkit';
import type { RequestOutput } from '../../../shared/contract.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export type EmailBody =
  | { status: 'loading' }
  | ({ status: 'ready' } & RequestOutput<'message.body'>)
  /** Not reachable now (offline, say): the message's text stands in; asked again when shown again. */
  | { status: 'failed' };

export interface EmailBodiesState {
  byMessage: Record<string, EmailBody>;
  /** Messages whose remote images the agent allowed (for this session, message by message). */
  remoteImagesAllowed: Record<string, true>;
}

const initialState: EmailBodiesState = { byMessage: {}, remoteImagesAllowed: {} };

/** An inbound email's HTML and text parts (message.body); once per message unless it failed. */
export const loadEmailBody = createAppAsyncThunk(
  'emailBodies/load',
  (messageId: string, api) => invokeOrReject(api, 'message.body', { messageId }),
  {
    condition: (messageId, { getState }) => {
      const known = getState().emailBodies.byMessage[messageId];
      return known === undefined || known.status === 'failed';
    },
  },
);

export const emailBodySlice = createSlice({
  name: 'emailBodies',
  initialState,
  reducers: {
    remoteImagesAllowed(state, action: { payload: string }) {
      state.remoteImagesAllowed[action.payload] = true;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadEmailBody.pending, (state, action) => {
        state.byMessage[action.meta.arg] = { status: 'loading' };
      })
      .addCase(loadEmailBody.fulfilled, (state, action) => {
        state.byMessage[action.meta.arg] = { status: 'ready', ...action.payload };
      })
      .addCase(loadEmailBody.rejected, (state, action) => {
        state.byMessage[action.meta.arg] = { status: 'failed' };
      });
  },
  selectors: {
    selectEmailBody: (state, messageId: string): EmailBody | undefined => state.byMessage[messageId],
    selectRemoteImagesAllowed: (state, messageId: string): boolean => state.remoteImagesAllowed[messageId] === true,
  },
});

export const { remoteImagesAllowed } = emailBodySlice.actions;
export const { selectEmailBody, selectRemoteImagesAllowed } = emailBodySlice.selectors;
