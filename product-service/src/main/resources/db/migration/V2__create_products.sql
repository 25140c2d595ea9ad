-- Products. Prices are integer minor units plus an ISO-4217 currency. Stock is split in two counters:
-- stock_quantity is what is on the shelf, available_quantity what is on the shelf and not reserved by an order.
-- Both only ever change through conditional UPDATEs, and the CHECKs make overselling impossible even for a bug.
CREATE TABLE products (
    id                 uuid PRIMARY KEY,
    sku                varchar(64)  NOT NULL UNIQUE CHECK (sku ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'),
    name               varchar(200) NOT NULL CHECK (length(btrim(name)) > 0),
    description        text         NOT NULL DEFAULT '',
    price_amount       bigint       NOT NULL CHECK (price_amount >= 0),
    currency           char(3)      NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    category_id        uuid         NOT NULL REFERENCES categories (id),
    image_urls         jsonb        NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(image_urls) = 'array'),
    attributes         jsonb        NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    active             boolean      NOT NULL DEFAULT true,
    stock_quantity     integer      NOT NULL CHECK (stock_quantity >= 0),
    available_quantity integer      NOT NULL CHECK (available_quantity >= 0),
    created_at         timestamptz  NOT NULL DEFAULT now(),
    updated_at         timestamptz  NOT NULL DEFAULT now(),
    version            bigint       NOT NULL DEFAULT 0,
    -- Full-text search document: name weighs more than SKU, SKU more than description.
    search             tsvector GENERATED ALWAYS AS (
                           setweight(to_tsvector('english', name), 'A')
                           || setweight(to_tsvector('simple', sku), 'B')
                           || setweight(to_tsvector('english', description), 'C')) STORED,
    CONSTRAINT products_available_within_stock CHECK (available_quantity <= stock_quantity)
);

-- The public listing only shows active products: every index it uses is partial on `active`, and each one ends with
-- `id` so that paging over equal prices, names or timestamps is stable.
-- fastupdate off: a bulk load (the demo catalog, an import) is searchable through the index at once, instead of
-- sitting in the pending list that every search scans until the next vacuum.
CREATE INDEX products_search_idx ON products USING gin (search) WITH (fastupdate = off) WHERE active;
CREATE INDEX products_name_idx ON products (name, id) WHERE active;
CREATE INDEX products_price_idx ON products (price_amount, id) WHERE active;
CREATE INDEX products_newest_idx ON products (created_at DESC, id DESC) WHERE active;
CREATE INDEX products_category_name_idx ON products (category_id, name, id) WHERE active;
CREATE INDEX products_category_price_idx ON products (category_id, price_amount, id) WHERE active;
CREATE INDEX products_category_newest_idx ON products (category_id, created_at DESC, id DESC) WHERE active;
-- Foreign key lookups (e.g. deleting a category) regardless of the active flag.
CREATE INDEX products_category_idx ON products (category_id);
