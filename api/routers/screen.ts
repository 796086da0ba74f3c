import { runScreen } from '../services/screen.ts';
import { screenInput, screenResponseSchema } from '../services/screen-input.ts';
import { screenProducts } from '../services/screen-products.ts';
import { screenProductsInput, screenProductsResponseSchema } from '../services/screen-products-input.ts';
import { replicaProcedure, router } from '../trpc.ts';

export { screenInput };

export const screenRouter = router({
  /** A mutation only because it is a POST (the batch does not fit a URL); it changes nothing. */
  run: replicaProcedure.input(screenInput).output(screenResponseSchema).mutation(({ ctx, input }) => runScreen(ctx.portal, input)),
  /** Listings against failed spot checks and foreign alerts: the same limits and errors as `run`. */
  products: replicaProcedure.input(screenProductsInput).output(screenProductsResponseSchema).mutation(({ ctx, input }) => screenProducts(ctx.portal, input)),
});
