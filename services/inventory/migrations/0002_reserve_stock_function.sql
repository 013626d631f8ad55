-- Reserving stock in one round trip. The function claims the reservation id, takes stock
-- product by product in id order (a conditional UPDATE … WHERE stock >= quantity: never
-- negative, and the stable order means no deadlock), and records the lines. Everything
-- runs inside one block with an exception handler, which PostgreSQL runs as a
-- subtransaction: a short or unknown product rolls the whole reservation back, the claim
-- included, and the refusal comes back as data. Row locks are held for microseconds rather
-- than for the client round trips of a BEGIN … COMMIT driven from the service.
--
-- Returns one of:
--   {"kind": "created", "items": [{"productId", "quantity", "unitPriceCents"}, …]}
--   {"kind": "existing"}                      the id was reserved before (the caller reads it)
--   {"kind": "insufficient_stock", "productId", "requested", "available"}
--   {"kind": "product_not_found", "productId"}
CREATE FUNCTION reserve_stock(reservation uuid, product_ids text[], quantities integer[])
RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
  item record;
  price integer;
  available integer;
  items jsonb := '[]'::jsonb;
  refusal jsonb;
BEGIN
  BEGIN
    INSERT INTO reservations (id, status) VALUES (reservation, 'reserved') ON CONFLICT (id) DO NOTHING;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('kind', 'existing');
    END IF;
    FOR item IN
      SELECT t.product_id, t.quantity FROM unnest(product_ids, quantities) AS t(product_id, quantity) ORDER BY t.product_id
    LOOP
      UPDATE products SET stock = stock - item.quantity, updated_at = now()
       WHERE id = item.product_id AND stock >= item.quantity
       RETURNING price_cents INTO price;
      IF NOT FOUND THEN
        SELECT stock INTO available FROM products WHERE id = item.product_id;
        IF NOT FOUND THEN
          refusal := jsonb_build_object('kind', 'product_not_found', 'productId', item.product_id);
        ELSE
          refusal := jsonb_build_object('kind', 'insufficient_stock', 'productId', item.product_id,
                                        'requested', item.quantity, 'available', available);
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'SR409', MESSAGE = 'reservation refused';
      END IF;
      INSERT INTO reservation_items (reservation_id, product_id, quantity, unit_price_cents)
      VALUES (reservation, item.product_id, item.quantity, price);
      items := items || jsonb_build_object('productId', item.product_id, 'quantity', item.quantity, 'unitPriceCents', price);
    END LOOP;
    RETURN jsonb_build_object('kind', 'created', 'items', items);
  EXCEPTION WHEN SQLSTATE 'SR409' THEN
    RETURN refusal;
  END;
END;
$$;
