/**
 * Which search screen is open, if any: one dialog for the whole app (opened from the toolbar, a
 * thread's card or a call card), so it outlives the card it was opened from — that card changes
 * customer the moment the contact is attached.
 */
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/** What is known of a contact, to start a new customer from. */
export interface KnownContact {
  name?: string;
  phone?: string | null;
  email?: string | null;
}

export interface SearchContext {
  /** The contact the agent is on: results offer "attach"; nothing found offers a new customer and "anonymous". */
  threadId?: string;
  /** What is known of the contact, for the new customer form. */
  known?: KnownContact;
  /** Open straight on the new customer form. */
  startWithCreate?: boolean;
}

export interface CustomerSearchState {
  open: SearchContext | null;
}

const initialState: CustomerSearchState = { open: null };

export const customerSearchSlice = createSlice({
  name: 'customerSearch',
  initialState,
  reducers: {
    searchOpened(state, action: PayloadAction<SearchContext>) {
      state.open = action.payload;
    },
    searchClosed(state) {
      state.open = null;
    },
  },
  selectors: {
    selectSearchOpen: (state) => state.open,
  },
});

export const { searchOpened, searchClosed } = customerSearchSlice.actions;
export const { selectSearchOpen } = customerSearchSlice.selectors;
