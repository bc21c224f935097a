-- +goose Up
ALTER TABLE statements ADD COLUMN author_ref TEXT NOT NULL DEFAULT '';
CREATE INDEX participants_external_ref ON participants (programme_id, external_ref);

-- +goose Down
DROP INDEX participants_external_ref;
ALTER TABLE statements DROP COLUMN author_ref;
