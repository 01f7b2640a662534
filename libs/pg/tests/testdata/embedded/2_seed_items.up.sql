INSERT INTO items (id, label) VALUES (1, 'first; not a statement end'), (2, ')ecnsql"');
