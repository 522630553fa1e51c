CREATE TABLE answers (text TEXT);
