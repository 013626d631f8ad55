-- Orders and their lines. An Idempotency-Key creates exactly one order (UNIQUE), the
-- status is one of the state machine's five, and a line's quantity is in range.
-- Timestamps are kept to the millisecond, the precision of the API's ISO strings, so a
-- list cursor built from an answer's createdAt finds its row exactly.

CREATE TABLE orders (
  id uuid PRIMARY KEY,
  idempotency_key text NOT NULL CONSTRAINT orders_idempotency_key_unique UNIQUE
    CONSTRAINT orders_idempotency_key_length CHECK (char_length(idempotency_key) BETWEEN 1 AND 200),
  -- sha256 of the normalized request body: a replay with another body is refused.
  request_fingerprint text NOT NULL,
  customer_id text NOT NULL CONSTRAINT orders_customer_id_length CHECK (char_length(customer_id) BETWEEN 1 AND 100),
  status text NOT NULL CONSTRAINT orders_status_known CHECK (status IN ('pending', 'confirmed', 'rejected', 'cancelled', 'fulfilled')),
  -- While pending: until when the request that placed it is driving it; NULL when nobody is.
  drive_lease_until timestamptz,
  -- When rejected: the answer given, replayed as is ({ status, error, message, details }).
  rejection jsonb CONSTRAINT orders_rejection_when_rejected CHECK ((status = 'rejected') = (rejection IS NOT NULL)),
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  CONSTRAINT orders_lease_only_when_pending CHECK (status = 'pending' OR drive_lease_until IS NULL)
);

CREATE INDEX orders_newest ON orders (created_at DESC, id DESC);
CREATE INDEX orders_customer_newest ON orders (customer_id, created_at DESC, id DESC);

CREATE TABLE order_items (
  order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id text NOT NULL CONSTRAINT order_items_product_id_slug CHECK (product_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  -- The line's place in the request, so the order reads back as it was placed.
  position smallint NOT NULL CONSTRAINT order_items_position_range CHECK (position BETWEEN 0 AND 49),
  quantity integer NOT NULL CONSTRAINT order_items_quantity_range CHECK (quantity BETWEEN 1 AND 1000),
  -- Known once inventory has reserved the line.
  unit_price_cents integer CONSTRAINT order_items_price_not_negative CHECK (unit_price_cents >= 0),
  PRIMARY KEY (order_id, product_id),
  CONSTRAINT order_items_position_unique UNIQUE (order_id, position)
);
