-- The copy of a profile photo that pages show (core/image.hpp: at most 640
-- pixels on the long side, JPEG): pages show it 160 pixels wide, and a phone
-- on a metered connection should not load a 10 MB original for that. The
-- original stays (without its metadata) at /people/{id}/photo/original.
-- NULL for a photo stored before this column: pages show its original.
ALTER TABLE person_photo ADD COLUMN small {{BLOB}};
