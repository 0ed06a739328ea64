import { createSlice } from '@reduxjs/toolkit';
import type { Language, RequestInput, Settings } from '../../../shared/contract.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { settingsChanged } from '../../app/coreEvents.js';
import { createAppAsyncThunk, invokeOrReject, rejectedInfo } from '../../app/thunk.js';

export interface SettingsSliceState {
  /** The core's settings; null until settings.get has answered. */
  values: Settings | null;
  dialogOpen: boolean;
  saving: boolean;
  saveError: ErrorInfo | null;
}

const initialState: SettingsSliceState = { values: null, dialogOpen: false, saving: false, saveError: null };

export const loadSettings = createAppAsyncThunk('settings/load', (_: void, api) =>
  invokeOrReject(api, 'settings.get', {}),
);

export const saveSettings = createAppAsyncThunk('settings/save', (update: RequestInput<'settings.update'>, api) =>
  invokeOrReject(api, 'settings.update', update),
);

export const settingsSlice = createSlice({
  name: 'settings',
  initialState,
  reducers: {
    dialogOpened(state) {
      state.dialogOpen = true;
      state.saveError = null;
    },
    dialogClosed(state) {
      state.dialogOpen = false;
      state.saveError = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadSettings.fulfilled, (state, action) => {
        state.values = action.payload;
      })
      .addCase(settingsChanged, (state, action) => {
        state.values = action.payload;
      })
      .addCase(saveSettings.pending, (state) => {
        state.saving = true;
        state.saveError = null;
      })
      .addCase(saveSettings.fulfilled, (state, action) => {
        state.saving = false;
        state.values = action.payload;
        state.dialogOpen = false;
      })
      .addCase(saveSettings.rejected, (state, action) => {
        state.saving = false;
        state.saveError = rejectedInfo(action);
      });
  },
  selectors: {
    selectSettings: (state) => state.values,
    selectLanguage: (state): Language | null => state.values?.language ?? null,
    selectSettingsDialog: (state) => state,
  },
});

export const { dialogOpened: settingsDialogOpened, dialogClosed: settingsDialogClosed } = settingsSlice.actions;
export const { selectSettings, selectLanguage, selectSettingsDialog } = settingsSlice.selectors;
