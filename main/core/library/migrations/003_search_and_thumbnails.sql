-- Full-text search over names, tags and notes (FTS5), kept in step with the catalogue by
-- triggers so no code path can forget it; and the thumbnail cache.

CREATE VIRTUAL TABLE preset_search USING fts5(name, tags, notes, tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO preset_search(rowid, name, tags, notes)
  SELECT p.id, p.name,
         (SELECT ifnull(group_concat(t.name, ' '), '') FROM preset_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.preset_id = p.id),
         p.notes
  FROM presets p;

CREATE TRIGGER presets_search_insert AFTER INSERT ON presets BEGIN
  INSERT INTO preset_search(rowid, name, tags, notes) VALUES (new.id, new.name, '', new.notes);
END;
CREATE TRIGGER presets_search_update AFTER UPDATE OF name, notes ON presets BEGIN
  UPDATE preset_search SET name = new.name, notes = new.notes WHERE rowid = new.id;
END;
CREATE TRIGGER presets_search_delete AFTER DELETE ON presets BEGIN
  DELETE FROM preset_search WHERE rowid = old.id;
END;
CREATE TRIGGER preset_tags_search_insert AFTER INSERT ON preset_tags BEGIN
  UPDATE preset_search SET tags =
    (SELECT ifnull(group_concat(t.name, ' '), '') FROM preset_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.preset_id = new.preset_id)
  WHERE rowid = new.preset_id;
END;
CREATE TRIGGER preset_tags_search_delete AFTER DELETE ON preset_tags BEGIN
  UPDATE preset_search SET tags =
    (SELECT ifnull(group_concat(t.name, ' '), '') FROM preset_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.preset_id = old.preset_id)
  WHERE rowid = old.preset_id;
END;

-- A preview of a preset on one photo at one size, stored as a JPEG blob.
CREATE TABLE thumbnails (
  preset_id     INTEGER NOT NULL REFERENCES presets(id) ON DELETE CASCADE,
  photo_hash    TEXT    NOT NULL,
  size          INTEGER NOT NULL,
  blob_hash     TEXT    NOT NULL,
  created_at    TEXT    NOT NULL,
  PRIMARY KEY (preset_id, photo_hash, size)
);
