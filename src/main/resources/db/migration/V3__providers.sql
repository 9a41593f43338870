-- Which provider made each image, and what it cost at the price configured when it was made.
ALTER TABLE image_tasks ADD COLUMN provider VARCHAR(32);
ALTER TABLE image_tasks ADD COLUMN cost NUMERIC(12, 6);
