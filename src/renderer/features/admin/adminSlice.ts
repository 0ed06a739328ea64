/** Whether the lead's settings area is open and on which tab; the tabs keep their own data. */
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { sessionChanged } from '../../app/coreEvents.js';

export interface AdminSliceState {
  open: boolean;
  /** The id of the selected tab (see adminTabs.ts); null: the first one the role may see. */
  tab: string | null;
}

const initialState: AdminSliceState = { open: false, tab: null };

export const adminSlice = createSlice({
  name: 'admin',
  initialState,
  reducers: {
    opened(state, action: PayloadAction<string | undefined>) {
      state.open = true;
      if (action.payload) state.tab = action.payload;
    },
    closed(state) {
      state.open = false;
    },
    tabSelected(state, action: PayloadAction<string>) {
      state.tab = action.payload;
    },
  },
  extraReducers: (builder) => {
    // Whoever signs in next on this app must not find the previous lead's area open.
    builder.addCase(sessionChanged, (state, action) => (action.payload.signedIn ? state : initialState));
  },
  selectors: {
    selectAdmin: (state) => state,
  },
});

export const { opened: adminOpened, closed: adminClosed, tabSelected: adminTabSelected } = adminSlice.actions;
export const { selectAdmin } = adminSlice.selectors;
