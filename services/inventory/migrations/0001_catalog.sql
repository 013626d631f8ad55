-- The catalog and its stock, and the reservations that hold stock for orders.
-- The invariants the API promises are enforced here too, so that no code path
-- (or hand-written SQL) can break them: stock is never negative, a reservation
-- holds each product once with a positive quantity, and its status is one of three.

CREATE TABLE products (
  id text PRIMARY KEY CONSTRAINT products_id_slug CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name text NOT NULL CONSTRAINT products_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
  description text NOT NULL CONSTRAINT products_description_length CHECK (char_length(description) <= 2000),
  price_cents integer NOT NULL CONSTRAINT products_price_not_negative CHECK (price_cents >= 0),
  currency text NOT NULL DEFAULT 'EUR' CONSTRAINT products_currency_eur CHECK (currency = 'EUR'),
  stock integer NOT NULL CONSTRAINT products_stock_not_negative CHECK (stock >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reservations (
  id uuid PRIMARY KEY,
  status text NOT NULL CONSTRAINT reservations_status_known CHECK (status IN ('reserved', 'released', 'committed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reservation_items (
  reservation_id uuid NOT NULL REFERENCES reservations (id) ON DELETE CASCADE,
  product_id text NOT NULL REFERENCES products (id),
  quantity integer NOT NULL CONSTRAINT reservation_items_quantity_range CHECK (quantity BETWEEN 1 AND 1000),
  unit_price_cents integer NOT NULL CONSTRAINT reservation_items_price_not_negative CHECK (unit_price_cents >= 0),
  PRIMARY KEY (reservation_id, product_id)
);

CREATE INDEX reservation_items_product ON reservation_items (product_id);
