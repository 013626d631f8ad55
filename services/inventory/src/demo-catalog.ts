import type { ProductFields } from './store.ts';

/** The shop's demo catalog, inserted at start when SEED_DEMO_DATA is true and the catalog is empty. */
export const demoCatalog: readonly (ProductFields & { readonly id: string })[] = [
  { id: 'aeropress-original', name: 'AeroPress Original', description: 'Immersion and pressure brewer for one cup, in under two minutes.', priceCents: 3990, stock: 80 },
  { id: 'baratza-encore-grinder', name: 'Baratza Encore grinder', description: 'Conical burr grinder with 40 settings, from espresso to French press.', priceCents: 16900, stock: 25 },
  { id: 'chemex-six-cup', name: 'Chemex six-cup', description: 'Hand-blown glass pour-over brewer with a wooden collar.', priceCents: 4990, stock: 60 },
  { id: 'acaia-pearl-scale', name: 'Acaia Pearl scale', description: 'Brewing scale to 0.1 g with a built-in timer.', priceCents: 14900, stock: 20 },
  { id: 'ethiopia-yirgacheffe-250g', name: 'Ethiopia Yirgacheffe, 250 g', description: 'Washed, light roast: jasmine, bergamot and lemon.', priceCents: 1450, stock: 200 },
  { id: 'fellow-stagg-kettle', name: 'Fellow Stagg EKG kettle', description: 'Electric gooseneck kettle that holds its temperature to the degree.', priceCents: 16500, stock: 30 },
  { id: 'hario-v60-dripper', name: 'Hario V60 dripper', description: 'Ceramic cone dripper, size 02, for one to four cups.', priceCents: 2450, stock: 120 },
  { id: 'v60-paper-filters', name: 'V60 paper filters, 100', description: 'Size 02 paper filters, white, for the Hario V60.', priceCents: 690, stock: 500 },
];
