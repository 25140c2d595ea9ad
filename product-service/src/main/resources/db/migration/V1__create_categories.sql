-- Catalog categories: a flat list addressed by slug, optionally nested one under another.
CREATE TABLE categories (
    id         uuid PRIMARY KEY,
    slug       varchar(80)  NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name       varchar(120) NOT NULL,
    parent_id  uuid REFERENCES categories (id),
    created_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX categories_parent_idx ON categories (parent_id);
