/**
 * What of the register is open: the register view (one dialog for the whole app, opened from the
 * toolbar), the complaint shown in it, and the "new complaint" form (opened from a conversation or
 * a customer card). `revision` goes up after every change this app made or the core announced, so
 * the lists and the open complaint read again. The complaints themselves are server data: the
 * components read them through useRegisterData (registerData.ts), never from this slice.
 */
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { isSessionEnded } from '../session/sessionSlice.js';

/** Where a new complaint comes from: the open conversation (its thread and customer) or a customer card. */
export interface CreateContext {
  threadId: string | null;
  customerId: string | null;
  /** The subject to start with (the thread's subject or the customer's last words); the agent may change it. */
  subject: string;
}

export interface RegisterState {
  viewOpen: boolean;
  /** The complaint shown (in the register dialog); null shows the list. */
  complaintId: string | null;
  create: CreateContext | null;
  /** The complaint this app registered last (said beside the conversation or card it came from). */
  lastCreated: { id: string; number: number; threadId: string | null; customerId: string | null } | null;
  /** Bumped by every change: readers of register data load again. */
  revision: number;
}

export const initialRegisterState: RegisterState = {
  viewOpen: false,
  complaintId: null,
  create: null,
  lastCreated: null,
  revision: 0,
};

export const registerSlice = createSlice({
  name: 'register',
  initialState: initialRegisterState,
  reducers: {
    /** Opens the register; with a complaint id, straight on that complaint. */
    registerOpened(state, action: PayloadAction<{ complaintId?: string | null }>) {
      state.viewOpen = true;
      state.complaintId = action.payload.complaintId ?? null;
    },
    registerClosed(state) {
      state.viewOpen = false;
      state.complaintId = null;
    },
    complaintShown(state, action: PayloadAction<string | null>) {
      state.complaintId = action.payload;
    },
    createOpened(state, action: PayloadAction<CreateContext>) {
      state.create = action.payload;
    },
    createClosed(state) {
      state.create = null;
    },
    complaintCreated(state, action: PayloadAction<NonNullable<RegisterState['lastCreated']>>) {
      state.create = null;
      state.lastCreated = action.payload;
    },
    registerChanged(state) {
      state.revision += 1;
    },
  },
  extraReducers: (builder) => {
    builder.addMatcher(isSessionEnded, () => initialRegisterState);
  },
  selectors: {
    selectRegisterOpen: (state) => state.viewOpen,
    selectShownComplaint: (state) => state.complaintId,
    selectCreateContext: (state) => state.create,
    selectRegisterRevision: (state) => state.revision,
    selectLastCreated: (state) => state.lastCreated,
  },
});

export const {
  registerOpened,
  registerClosed,
  complaintShown,
  createOpened,
  createClosed,
  complaintCreated,
  registerChanged,
} = registerSlice.actions;
export const {
  selectRegisterOpen,
  selectShownComplaint,
  selectCreateContext,
  selectRegisterRevision,
  selectLastCreated,
} = registerSlice.selectors;
