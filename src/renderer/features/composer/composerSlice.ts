import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { LIMITS } from '../../../shared/domain.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { createAppAsyncThunk, invokeOrReject, rejectedInfo } from '../../app/thunk.js';
import { isSessionEnded } from '../session/sessionSlice.js';

export interface ComposerState {
  /** Draft per thread, so switching threads keeps what was typed. */
  drafts: Record<string, string>;
  /** Threads with a message.send in flight. */
  sending: Record<string, true>;
  errors: Record<string, ErrorInfo>;
}

export const initialComposerState: ComposerState = { drafts: {}, sending: {}, errors: {} };

/** What may be sent: the text as the contract will see it (trimmed), or why not. */
export function checkDraft(text: string): { ok: true; text: string } | { ok: false; reason: 'empty' | 'tooLong' } {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, reason: 'empty' };
  if (trimmed.length > LIMITS.messageText) return { ok: false, reason: 'tooLong' };
  return { ok: true, text: trimmed };
}

/** Characters left before the limit (negative when over), counted as the contract counts them. */
export function charactersLeft(text: string): number {
  return LIMITS.messageText - text.trim().length;
}

/** Show the counter from this many characters left. */
export const COUNTER_THRESHOLD = 500;

export const sendMessage = createAppAsyncThunk(
  'composer/sendMessage',
  (arg: { threadId: string; text: string; attachmentIds?: string[] }, api) => {
    const draft = checkDraft(arg.text);
    // condition() already refused these; this keeps the thunk honest on its own.
    if (!draft.ok) return api.rejectWithValue({ code: 'bad_request', message: `message text is ${draft.reason}` });
    const files = arg.attachmentIds?.length ? { attachmentIds: arg.attachmentIds } : {};
    return invokeOrReject(api, 'message.send', { threadId: arg.threadId, text: draft.text, ...files });
  },
  {
    condition: (arg, { getState }) => checkDraft(arg.text).ok && !getState().composer.sending[arg.threadId],
  },
);

export const composerSlice = createSlice({
  name: 'composer',
  initialState: initialComposerState,
  reducers: {
    draftChanged(state, action: PayloadAction<{ threadId: string; text: string }>) {
      const { threadId, text } = action.payload;
      if (text === '') delete state.drafts[threadId];
      else state.drafts[threadId] = text;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(sendMessage.pending, (state, action) => {
        state.sending[action.meta.arg.threadId] = true;
        delete state.errors[action.meta.arg.threadId];
      })
      .addCase(sendMessage.fulfilled, (state, action) => {
        const { threadId, text } = action.meta.arg;
        delete state.sending[threadId];
        // Clear the draft only if it is still what was sent (typing during the send is kept).
        if (state.drafts[threadId] === text) delete state.drafts[threadId];
      })
      .addCase(sendMessage.rejected, (state, action) => {
        const { threadId } = action.meta.arg;
        delete state.sending[threadId];
        state.errors[threadId] = rejectedInfo(action);
      })
      .addMatcher(isSessionEnded, () => initialComposerState);
  },
});

export const { draftChanged } = composerSlice.actions;

export const selectDraft = (state: { composer: ComposerState }, threadId: string): string =>
  state.composer.drafts[threadId] ?? '';
export const selectSending = (state: { composer: ComposerState }, threadId: string): boolean =>
  state.composer.sending[threadId] === true;
export const selectSendError = (state: { composer: ComposerState }, threadId: string): ErrorInfo | null =>
  state.composer.errors[threadId] ?? null;
