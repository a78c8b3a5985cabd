-- foreign_keys: off
-- Blends of any presets (issue 16): a preset of the kind 'mix' holds no file and no model, only
-- its sources and their weights (mix_sources), and grades with the mix of their looks.
--
-- The kind is a CHECK constraint, which SQLite cannot alter, so presets is rebuilt as SQLite's
-- ALTER TABLE page describes (create the new table, copy, drop the old, rename the new). Its
-- children (tags, collections, thumbnails, learned looks) name presets by id and keep their
-- rows: the migrator runs this file with foreign keys off, so dropping the old table cascades
-- nothing, and checks every reference (foreign_key_check) before it commits. Dropping presets
-- drops its indexes and the search triggers of 003; both are made again below, unchanged.
CREATE TABLE presets_with_mixes (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL,
  kind          TEXT    NOT NULL CHECK (kind IN ('lut', 'model', 'blend', 'mix')),
  source_format TEXT,
  original_name TEXT,
  lattice_size  INTEGER,
  content_hash  TEXT,
  blob_hash     TEXT,
  model_id      INTEGER REFERENCES models(id) ON DELETE CASCADE,
  blend_weights TEXT,
  favourite     INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
  rating        INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
  notes         TEXT    NOT NULL DEFAULT '',
  created_at    TEXT    NOT NULL,
  modified_at   TEXT    NOT NULL,
  CHECK ((kind = 'lut' AND blob_hash IS NOT NULL AND content_hash IS NOT NULL)
      OR (kind = 'model' AND model_id IS NOT NULL AND blob_hash IS NOT NULL)
      OR (kind = 'blend' AND model_id IS NOT NULL AND blend_weights IS NOT NULL)
      OR (kind = 'mix' AND model_id IS NULL AND blob_hash IS NULL AND content_hash IS NULL))
);
INSERT INTO presets_with_mixes SELECT id, name, kind, source_format, original_name, lattice_size, content_hash, blob_hash, model_id, blend_weights,
  favourite, rating, notes, created_at, modified_at FROM presets;
DROP TABLE presets;
ALTER TABLE presets_with_mixes RENAME TO presets;

CREATE UNIQUE INDEX presets_content ON presets(content_hash) WHERE content_hash IS NOT NULL;
CREATE INDEX presets_kind ON presets(kind);
CREATE INDEX presets_name ON presets(name COLLATE NOCASE);
CREATE INDEX presets_model ON presets(model_id);

CREATE TRIGGER presets_search_insert AFTER INSERT ON presets BEGIN
  INSERT INTO preset_search(rowid, name, tags, notes) VALUES (new.id, new.name, '', new.notes);
END;
CREATE TRIGGER presets_search_update AFTER UPDATE OF name, notes ON presets BEGIN
  UPDATE preset_search SET name = new.name, notes = new.notes WHERE rowid = new.id;
END;
CREATE TRIGGER presets_search_delete AFTER DELETE ON presets BEGIN
  DELETE FROM preset_search WHERE rowid = old.id;
END;

-- A mix's sources in the order they were chosen, each with its weight (normalised: they sum
-- to 1). A source cannot be deleted while a mix uses it (RESTRICT): removing a preset removes
-- the mixes that use it first, after the person has confirmed it (preset-edits.ts).
CREATE TABLE mix_sources (
  mix_id        INTEGER NOT NULL REFERENCES presets(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  source_id     INTEGER NOT NULL REFERENCES presets(id) ON DELETE RESTRICT,
  weight        REAL    NOT NULL CHECK (weight >= 0 AND weight <= 1),
  PRIMARY KEY (mix_id, position)
);
CREATE INDEX mix_sources_source ON mix_sources(source_id);
