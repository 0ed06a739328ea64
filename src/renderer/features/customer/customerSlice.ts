/**
 * The customer card beside the conversation (and for a caller): the card from the core's cache
 * with the agent's pending changes, its timeline across channels, its history, and what the hub
 * said about card edits that did not land as made.
 */
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { RequestInput, RequestOutput } from '../../../shared/contract.js';
import type { CustomerNotice } from '../../../shared/customers/customerContract.js';
import type { HistoryEntry } from '../../../shared/customers/customerCard.js';
import type { TimelineItem, TimelineThread } from '../../../shared/customers/customerTimeline.js';
import type { Customer } from '../../../shared/domain.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { customerNotice } from '../../app/coreEvents.js';
import { createAppAsyncThunk, invokeOrReject, rejectedInfo } from '../../app/thunk.js';
import { isSessionEnded } from '../session/sessionSlice.js';

export const TIMELINE_PAGE = 30;

export interface CustomerState {
  /** The customer shown; null shows nothing. */
  customerId: string | null;
  customer: Customer | null;
  pending: number;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: ErrorInfo | null;
  /** The last change the agent made (edit, link, unlink) failed to be queued. */
  actionError: ErrorInfo | null;
  timeline: {
    items: TimelineItem[];
    threads: TimelineThread[];
    nextBefore: string | null;
    source: 'hub' | 'cache' | null;
    loading: boolean;
    error: ErrorInfo | null;
  };
  history: HistoryEntry[];
  historyAvailable: boolean;
  notices: CustomerNotice[];
}

const emptyTimeline: CustomerState['timeline'] = {
  items: [],
  threads: [],
  nextBefore: null,
  source: null,
  loading: false,
  error: null,
};

export const initialCustomerState: CustomerState = {
  customerId: null,
  customer: null,
  pending: 0,
  status: 'idle',
  error: null,
  actionError: null,
  timeline: emptyTimeline,
  history: [],
  historyAvailable: false,
  notices: [],
};

export const loadCustomer = createAppAsyncThunk('customer/load', (customerId: string, api) =>
  invokeOrReject(api, 'customer.get', { customerId }),
);

export const loadTimeline = createAppAsyncThunk(
  'customer/loadTimeline',
  (arg: { customerId: string; before?: string | null }, api) =>
    invokeOrReject(api, 'customer.timeline', {
      customerId: arg.customerId,
      limit: TIMELINE_PAGE,
      ...(arg.before ? { before: arg.before } : {}),
    }),
);

export const loadHistory = createAppAsyncThunk('customer/loadHistory', (customerId: string, api) =>
  invokeOrReject(api, 'customer.history', { customerId }),
);

export const updateCustomer = createAppAsyncThunk('customer/update', (input: RequestInput<'customer.update'>, api) =>
  invokeOrReject(api, 'customer.update', input),
);

export const linkIdentity = createAppAsyncThunk('customer/link', (input: RequestInput<'customer.link'>, api) =>
  invokeOrReject(api, 'customer.link', input),
);

export const unlinkIdentity = createAppAsyncThunk('customer/unlink', (input: RequestInput<'customer.unlink'>, api) =>
  invokeOrReject(api, 'customer.unlink', input),
);

export const createCustomer = createAppAsyncThunk('customer/create', (input: RequestInput<'customer.create'>, api) =>
  invokeOrReject(api, 'customer.create', input),
);

type CardView = RequestOutput<'customer.get'>;

function showCard(state: CustomerState, card: CardView): void {
  state.customer = card.customer;
  state.pending = card.pending;
  state.status = 'ready';
  state.error = null;
}

/** True when the answer is about the customer shown (possibly under the id it was merged from). */
function isShown(state: CustomerState, card: CardView): boolean {
  return card.customer !== null && (card.customer.id === state.customerId || card.customer.id === state.customer?.id);
}

export const customerSlice = createSlice({
  name: 'customer',
  initialState: initialCustomerState,
  reducers: {
    customerShown(state, action: PayloadAction<string | null>) {
      if (state.customerId === action.payload) return;
      return { ...initialCustomerState, customerId: action.payload, notices: state.notices };
    },
    customerNoticeDismissed(state, action: PayloadAction<number>) {
      state.notices.splice(action.payload, 1);
    },
    actionErrorDismissed(state) {
      state.actionError = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadCustomer.pending, (state, action) => {
        if (action.meta.arg === state.customerId && state.status !== 'ready') state.status = 'loading';
      })
      .addCase(loadCustomer.fulfilled, (state, action) => {
        if (action.meta.arg === state.customerId) showCard(state, action.payload);
      })
      .addCase(loadCustomer.rejected, (state, action) => {
        if (action.meta.arg !== state.customerId) return;
        state.status = 'failed';
        state.error = rejectedInfo(action);
      })
      .addCase(loadTimeline.pending, (state, action) => {
        if (action.meta.arg.customerId === state.customerId) state.timeline.loading = true;
      })
      .addCase(loadTimeline.fulfilled, (state, action) => {
        if (action.meta.arg.customerId !== state.customerId) return;
        const page = action.payload;
        const older = Boolean(action.meta.arg.before);
        const known = new Set(older ? state.timeline.items.map((i) => i.messageId) : []);
        state.timeline = {
          items: older ? [...state.timeline.items, ...page.items.filter((i) => !known.has(i.messageId))] : page.items,
          threads: page.threads,
          nextBefore: page.nextBefore,
          source: page.source,
          loading: false,
          error: null,
        };
      })
      .addCase(loadTimeline.rejected, (state, action) => {
        if (action.meta.arg.customerId !== state.customerId) return;
        state.timeline.loading = false;
        state.timeline.error = rejectedInfo(action);
      })
      .addCase(loadHistory.fulfilled, (state, action) => {
        if (action.meta.arg !== state.customerId) return;
        state.history = action.payload.history;
        state.historyAvailable = action.payload.available;
      })
      .addCase(createCustomer.fulfilled, (state, action) => {
        if (!action.payload.customer) return;
        return { ...initialCustomerState, customerId: action.payload.customer.id, notices: state.notices };
      })
      .addCase(customerNotice, (state, action) => {
        state.notices.push(action.payload);
      })
      .addMatcher(
        (action) =>
          updateCustomer.fulfilled.match(action) ||
          linkIdentity.fulfilled.match(action) ||
          unlinkIdentity.fulfilled.match(action) ||
          createCustomer.fulfilled.match(action),
        (state, action: PayloadAction<CardView>) => {
          state.actionError = null;
          if (isShown(state, action.payload)) showCard(state, action.payload);
        },
      )
      .addMatcher(
        (action) =>
          updateCustomer.rejected.match(action) ||
          linkIdentity.rejected.match(action) ||
          unlinkIdentity.rejected.match(action) ||
          createCustomer.rejected.match(action),
        (state, action: { payload?: ErrorInfo; error: { message?: string } }) => {
          state.actionError = rejectedInfo(action);
        },
      )
      .addMatcher(isSessionEnded, () => initialCustomerState);
  },
  selectors: {
    selectCustomerCard: (state) => state,
    selectCustomerNotices: (state) => state.notices,
  },
});

export const { customerShown, customerNoticeDismissed, actionErrorDismissed } = customerSlice.actions;
export const { selectCustomerCard, selectCustomerNotices } = customerSlice.selectors;
