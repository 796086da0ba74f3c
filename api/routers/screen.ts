import { runScreen } from '../services/screen.ts';
import { screenInput, screenResponseSchema } from '../services/screen-input.ts';
import { publicProcedure, router } from '../trpc.ts';

export { screenInput };

export const screenRouter = router({
  /** A mutation only because it is a POST (the batch does not fit a URL); it changes nothing. */
  run: publicProcedure.input(screenInput).output(screenResponseSchema).mutation(({ ctx, input }) => runScreen(ctx.portal, input)),
});
