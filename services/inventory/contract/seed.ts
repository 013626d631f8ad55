/**
 * Puts a running inventory into a provider state through its own API (PUT /products/:id,
 * POST /reservations): the contract tests of inventory, and of orders (which calls it),
 * seed it the way the catalog admin would.
 */

export interface SeedProduct {
  readonly id: string;
  /** @default 10 */
  readonly stock?: number;
  /** @default 1250 */
  readonly priceCents?: number;
}

/** Creates or replaces a product with exactly this stock. */
export async function putProduct(inventoryUrl: string, product: SeedProduct): Promise<void> {
  const { id, stock = 10, priceCents = 1250 } = product;
  await send(inventoryUrl, 'PUT', `/products/${encodeURIComponent(id)}`, {
    name: `Product ${id}`,
    description: `Seeded for a contract test: ${id}`,
    priceCents,
    stock,
  });
}

/** Reserves `quantity` of a product under `reservationId`, creating the product with enough stock. */
export async function putReservation(inventoryUrl: string, reservation: { reservationId: string; productId: string; quantity: number }): Promise<void> {
  const { reservationId, productId, quantity } = reservation;
  await putProduct(inventoryUrl, { id: productId, stock: quantity + 10 });
  await send(inventoryUrl, 'POST', '/reservations', { reservationId, items: [{ productId, quantity }] });
}

async function send(baseUrl: string, method: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(new URL(path, baseUrl), { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer: unknown = await response.json();
  if (!response.ok) throw new Error(`seeding inventory: ${method} ${path} answered ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}
