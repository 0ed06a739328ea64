/** The last "customer is typing" notice per thread; the conversation shows it for a few seconds. */
import { createSlice } from '@reduxjs/toolkit';
import { threadTyping } from '../../app/coreEvents.js';
import { isSessionEnded } from '../session/sessionSlice.js';

export interface TypingState {
  /** Hub time of the last notice per thread: a new value means "typing again". */
  at: Record<string, number>;
}

export const initialTypingState: TypingState = { at: {} };

export const typingSlice = createSlice({
  name: 'typing',
  initialState: initialTypingState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(threadTyping, (state, action) => {
        state.at[action.payload.threadId] = action.payload.at;
      })
      .addMatcher(isSessionEnded, () => initialTypingState);
  },
  selectors: {
    selectTypingAt: (state, threadId: string) => state.at[threadId] ?? null,
  },
});

export const { selectTypingAt } = typingSlice.selectors;
