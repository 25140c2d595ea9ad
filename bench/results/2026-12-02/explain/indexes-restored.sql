CREATE INDEX products_search_idx ON catalog.products USING gin (search) WITH (fastupdate=off) WHERE active;
CREATE INDEX products_name_idx ON catalog.products USING btree (name, id) WHERE active;
CREATE INDEX products_price_idx ON catalog.products USING btree (price_amount, id) WHERE active;
CREATE INDEX products_category_name_idx ON catalog.products USING btree (category_id, name, id) WHERE active;
CREATE INDEX products_category_price_idx ON catalog.products USING btree (category_id, price_amount, id) WHERE active;
CREATE INDEX products_category_newest_idx ON catalog.products USING btree (category_id, created_at DESC, id DESC) WHERE active;
CREATE INDEX products_category_idx ON catalog.products USING btree (category_id);
