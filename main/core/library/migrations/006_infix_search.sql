-- Search inside words ("chrome" finds Kodachrome, "velvia" finds Fuji_Velvia_50): an FTS5
-- trigram index of the same names, tags and notes as preset_search (003), which keeps the word
-- index for queries of one or two letters (a trigram needs three). Kept in step by triggers of
-- its own, like 003's; a migration that rebuilds presets or preset_tags re-creates them (as 005
-- did for 003's).

CREATE VIRTUAL TABLE preset_search_infix USING fts5(name, tags, notes, tokenize = 'trigram remove_diacritics 1');

INSERT INTO preset_search_infix(rowid, name, tags, notes) SELECT rowid, name, tags, notes FROM preset_search;

CREATE TRIGGER presets_infix_insert AFTER INSERT ON presets BEGIN
  INSERT INTO preset_search_infix(rowid, name, tags, notes) VALUES (new.id, new.name, '', new.notes);
END;
CREATE TRIGGER presets_infix_update AFTER UPDATE OF name, notes ON presets BEGIN
  UPDATE preset_search_infix SET name = new.name, notes = new.notes WHERE rowid = new.id;
END;
CREATE TRIGGER presets_infix_delete AFTER DELETE ON presets BEGIN
  DELETE FROM preset_search_infix WHERE rowid = old.id;
END;
CREATE TRIGGER preset_tags_infix_insert AFTER INSERT ON preset_tags BEGIN
  UPDATE preset_search_infix SET tags =
    (SELECT ifnull(group_concat(t.name, ' '), '') FROM preset_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.preset_id = new.preset_id)
  WHERE rowid = new.preset_id;
END;
CREATE TRIGGER preset_tags_infix_delete AFTER DELETE ON preset_tags BEGIN
  UPDATE preset_search_infix SET tags =
    (SELECT ifnull(group_concat(t.name, ' '), '') FROM preset_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.preset_id = old.preset_id)
  WHERE rowid = old.preset_id;
END;
