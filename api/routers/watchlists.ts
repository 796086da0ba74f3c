import { replay, listEvents } from '../services/watchlist-events.ts';
import {
  addEntriesInput,
  createdWatchlistSchema,
  createWatchlistInput,
  deletedSchema,
  deleteEntryInput,
  entriesAddedSchema,
  entriesPageSchema,
  eventsPageSchema,
  listEntriesInput,
  listEventsInput,
  removeEntriesInput,
  entriesRemovedSchema,
  replayInput,
  replayResultSchema,
  secretSchema,
  watchlistIdInput,
  watchlistSchema,
  watchlistsResponseSchema,
} from '../services/watchlist-schemas.ts';
import { addEntries, createWatchlist, deleteEntry, deleteWatchlist, getWatchlist, listEntries, listWatchlists, removeEntries, rotateSecret } from '../services/watchlists.ts';
import { keyedProcedure, router } from '../trpc.ts';
import { z } from 'zod';

/** Watchlists that push (api/services/watchlists.ts): every procedure acts for the calling API key. */
export const watchlistsRouter = router({
  create: keyedProcedure.input(createWatchlistInput).output(createdWatchlistSchema).mutation(({ ctx, input }) => createWatchlist(ctx.portal, ctx.keyId, input)),
  list: keyedProcedure.input(z.object({}).strict().optional()).output(watchlistsResponseSchema).query(({ ctx }) => listWatchlists(ctx.portal, ctx.keyId)),
  get: keyedProcedure.input(watchlistIdInput).output(watchlistSchema).query(({ ctx, input }) => getWatchlist(ctx.portal, ctx.keyId, input.id)),
  delete: keyedProcedure.input(watchlistIdInput).output(deletedSchema).mutation(({ ctx, input }) => deleteWatchlist(ctx.portal, ctx.keyId, input.id)),
  rotateSecret: keyedProcedure.input(watchlistIdInput).output(secretSchema).mutation(({ ctx, input }) => rotateSecret(ctx.portal, ctx.keyId, input.id)),
  addEntries: keyedProcedure.input(addEntriesInput).output(entriesAddedSchema).mutation(({ ctx, input }) => addEntries(ctx.portal, ctx.keyId, input)),
  removeEntries: keyedProcedure.input(removeEntriesInput).output(entriesRemovedSchema).mutation(({ ctx, input }) => removeEntries(ctx.portal, ctx.keyId, input)),
  entries: keyedProcedure.input(listEntriesInput).output(entriesPageSchema).query(({ ctx, input }) => listEntries(ctx.portal, ctx.keyId, input)),
  deleteEntry: keyedProcedure.input(deleteEntryInput).output(deletedSchema).mutation(({ ctx, input }) => deleteEntry(ctx.portal, ctx.keyId, input.id, input.entryId)),
  events: keyedProcedure.input(listEventsInput).output(eventsPageSchema).query(({ ctx, input }) => listEvents(ctx.portal, ctx.keyId, input)),
  replay: keyedProcedure.input(replayInput).output(replayResultSchema).mutation(({ ctx, input }) => replay(ctx.portal, ctx.keyId, input)),
});
