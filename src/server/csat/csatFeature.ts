import type { HubFeature, HubFeatureContext } from '../features/hubFeature.js';
import { CsatRepo } from '../storage/csatRepo.js';
import { CallRating } from './callRating.js';
import { csatRoutes } from './csatRoutes.js';
import { RatingBook } from './ratingBook.js';
import { registerRatingPage } from './ratingPage.js';

/**
 * Customer satisfaction in every channel (issue 16, decision 0041): the rating after a call (its call
 * hook), the settings and rating-address routes, and the email rating page. The requests on closed
 * email, Telegram and VK threads are sent by the channels (src/server/csat/channelRatings.ts).
 */
export function startCsatFeature(context: HubFeatureContext): HubFeature {
  const repo = new CsatRepo(context.store.db);
  const book = new RatingBook(context.store, repo, context.now);
  const calls = new CallRating({
    store: context.store,
    repo,
    book,
    control: context.control,
    player: context.player,
    now: context.now,
    log: context.log.child('csat'),
  });
  return {
    name: 'csat',
    hook: calls,
    routes: (scope) => csatRoutes(scope, { store: context.store, repo, book, now: context.now }),
    publicRoutes: (app) => registerRatingPage(app, repo, book, context.now),
    stop: () => calls.stop(),
  };
}
