-- Removed presets, kept so a removal can be undone (the app's Ctrl+Z): each row is one removal,
-- every row it deleted as JSON (presets with their tags and collections, mix sources, the model
-- a model preset took with it, learned looks), and the stored files those rows name, which are
-- not collected while the trash names them. The host empties it when it starts, so a removal is
-- undoable within the session that made it.
CREATE TABLE trash (
  id            INTEGER PRIMARY KEY,
  removed_at    TEXT    NOT NULL,
  removal       TEXT    NOT NULL,
  blob_hashes   TEXT    NOT NULL
);
