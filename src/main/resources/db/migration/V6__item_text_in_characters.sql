-- An item's name and description are bounded by the API, in characters (code points, darkroom.api.max-name-length
-- and max-description-length). H2 counts a VARCHAR's length in UTF-16 units, so 200 emoji (400 units) did not fit
-- VARCHAR(200) there, and a limit configured above the column's would fail on insert on either database. The API's
-- check is the one rule; the columns only hold what it lets through.
ALTER TABLE image_tasks ALTER COLUMN name SET DATA TYPE VARCHAR;
ALTER TABLE image_tasks ALTER COLUMN description SET DATA TYPE VARCHAR;
