-- +goose Up
ALTER TABLE statements ADD COLUMN author_ref TEXT NOT NULL DEFAULT '';
CREATE INDEX participants_external_ref ON participants (programme_id, external_ref);
-- Covers the count by area and site, the commonest aggregate.
CREATE INDEX contributions_count ON contributions (programme_id, flagged, area_id, session_id, participant_id);

-- +goose Down
DROP INDEX contributions_count;
DROP INDEX participants_external_ref;
ALTER TABLE statements DROP COLUMN author_ref;
