-- Accounts. Emails are unique regardless of case; roles are a small set per user.
CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         varchar(320) NOT NULL,
    name          varchar(200) NOT NULL,
    password_hash varchar(255) NOT NULL,
    status        varchar(20)  NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    version       bigint       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

CREATE TABLE user_roles (
    user_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    varchar(20) NOT NULL CHECK (role IN ('CUSTOMER', 'ADMIN')),
    PRIMARY KEY (user_id, role)
);
