/**
 * The knowledge panel beside the conversation: whether it is open, what was searched, which article is
 * read (and for which thread, so the core records the opening in that contact's history). The articles
 * themselves are loaded by the panel; only this plain navigation state is shared (the top bar's button,
 * the suggestions under the reply box and the panel all move it).
 */
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { knowledgeChanged, sessionChanged } from '../../app/coreEvents.js';

export interface ReadingArticle {
  articleId: string;
  /** The thread the article was opened for (its opening is recorded there); null from the top bar. */
  threadId: string | null;
}

export interface KnowledgeState {
  open: boolean;
  /** The last search typed in the panel (kept while the panel is closed). */
  query: string;
  /** The article read in the panel; null shows the search and its results. */
  reading: ReadingArticle | null;
  /** Bumped when the core says its copy of the articles changed, so open views reload. */
  revision: number;
}

const initialState: KnowledgeState = { open: false, query: '', reading: null, revision: 0 };

export const knowledgeSlice = createSlice({
  name: 'knowledge',
  initialState,
  reducers: {
    knowledgePanelToggled(state) {
      state.open = !state.open;
    },
    knowledgePanelOpened(state) {
      state.open = true;
    },
    knowledgePanelClosed(state) {
      state.open = false;
    },
    knowledgeQueryChanged(state, action: PayloadAction<string>) {
      state.query = action.payload;
    },
    articleShown(state, action: PayloadAction<ReadingArticle>) {
      state.open = true;
      state.reading = action.payload;
    },
    articleClosed(state) {
      state.reading = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(knowledgeChanged, (state) => {
        state.revision += 1;
      })
      // Another agent signing in on this window does not inherit the last one's reading.
      .addCase(sessionChanged, (state, action) => (action.payload.signedIn ? state : initialState));
  },
  selectors: {
    selectKnowledge: (state) => state,
  },
});

export const {
  knowledgePanelToggled,
  knowledgePanelOpened,
  knowledgePanelClosed,
  knowledgeQueryChanged,
  articleShown,
  articleClosed,
} = knowledgeSlice.actions;
export const { selectKnowledge } = knowledgeSlice.selectors;
