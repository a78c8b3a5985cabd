-- The catalogue: presets (LUTs, learned models, named blends), the models behind them, tags
-- and collections. Blobs (original files, .nilut bytes) live in the content-addressed store
-- beside the database; rows name them by sha256.

CREATE TABLE models (
  id            INTEGER PRIMARY KEY,
  blob_hash     TEXT    NOT NULL,               -- the .nilut bytes in the blob store
  units         INTEGER NOT NULL,
  layers        INTEGER NOT NULL,
  styles        INTEGER NOT NULL,               -- K (0 = single style)
  parameters    INTEGER NOT NULL,
  training      TEXT,                           -- JSON: settings, seconds, backend
  metrics       TEXT,                           -- JSON: fidelity measured after fitting
  created_at    TEXT    NOT NULL
);

-- The styles a model encodes, in input order. source_hash is the sha256 of the LUT file the
-- style was fitted from: it links a model to the LUT presets it learned (also for models
-- fitted elsewhere and imported as .nilut).
CREATE TABLE model_styles (
  model_id      INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  name          TEXT    NOT NULL,
  source_hash   TEXT,
  PRIMARY KEY (model_id, position)
);
CREATE INDEX model_styles_source ON model_styles(source_hash);

CREATE TABLE presets (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL,
  kind          TEXT    NOT NULL CHECK (kind IN ('lut', 'model', 'blend')),
  source_format TEXT,                           -- cube, 3dl, hald, square, nilut, pytorch
  original_name TEXT,
  lattice_size  INTEGER,
  content_hash  TEXT,                           -- sha256 of the imported file (NULL for blends)
  blob_hash     TEXT,                           -- the stored bytes (LUT file or .nilut)
  model_id      INTEGER REFERENCES models(id) ON DELETE CASCADE,
  blend_weights TEXT,                           -- JSON array, blends only
  favourite     INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
  rating        INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
  notes         TEXT    NOT NULL DEFAULT '',
  created_at    TEXT    NOT NULL,
  modified_at   TEXT    NOT NULL,
  CHECK ((kind = 'lut' AND blob_hash IS NOT NULL AND content_hash IS NOT NULL)
      OR (kind = 'model' AND model_id IS NOT NULL AND blob_hash IS NOT NULL)
      OR (kind = 'blend' AND model_id IS NOT NULL AND blend_weights IS NOT NULL))
);
-- Same content twice is one preset.
CREATE UNIQUE INDEX presets_content ON presets(content_hash) WHERE content_hash IS NOT NULL;
CREATE INDEX presets_kind ON presets(kind);
CREATE INDEX presets_name ON presets(name COLLATE NOCASE);
CREATE INDEX presets_model ON presets(model_id);

CREATE TABLE tags (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE preset_tags (
  preset_id     INTEGER NOT NULL REFERENCES presets(id) ON DELETE CASCADE,
  tag_id        INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (preset_id, tag_id)
);
CREATE INDEX preset_tags_tag ON preset_tags(tag_id);

CREATE TABLE collections (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  created_at    TEXT    NOT NULL
);
CREATE TABLE collection_presets (
  collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  preset_id     INTEGER NOT NULL REFERENCES presets(id) ON DELETE CASCADE,
  added_at      TEXT    NOT NULL,
  PRIMARY KEY (collection_id, preset_id)
);
CREATE INDEX collection_presets_preset ON collection_presets(preset_id);
