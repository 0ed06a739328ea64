/** The floor snapshot a lead watches: loaded once by stats.now, then replaced by each stats.changed the core forwards. */
import { createSlice } from '@reduxjs/toolkit';
import type { EventPayload } from '../../../shared/contract.js';
import { statsChanged } from '../../app/coreEvents.js';
import type { RootState } from '../../app/store.js';
import { loadStatsNow } from './statsThunks.js';

interface StatsState {
  snapshot: EventPayload<'stats.changed'> | null;
}

const initialState: StatsState = { snapshot: null };

export const statsSlice = createSlice({
  name: 'stats',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(statsChanged, (state, action) => {
        state.snapshot = action.payload;
      })
      .addCase(loadStatsNow.fulfilled, (state, action) => {
        if (!state.snapshot || state.snapshot.at <= action.payload.at) state.snapshot = action.payload;
      });
  },
});

export const selectStatsSnapshot = (state: RootState) => state.stats.snapshot;
