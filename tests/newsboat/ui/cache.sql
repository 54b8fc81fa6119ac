-- A newsboat cache of our own writing, in the schema newsboat 2.21
-- writes (rss_feed, rss_item: unread 0 is read, flags the letters, s
-- starred by default; deleted 1 a story the user deleted there).
CREATE TABLE rss_feed (  rssurl VARCHAR(1024) PRIMARY KEY NOT NULL,  url VARCHAR(1024) NOT NULL,  title VARCHAR(1024) NOT NULL , lastmodified INTEGER(11) NOT NULL DEFAULT 0, is_rtl INTEGER(1) NOT NULL DEFAULT 0, etag VARCHAR(128) NOT NULL DEFAULT "");
CREATE TABLE rss_item (  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,  guid VARCHAR(64) NOT NULL,  title VARCHAR(1024) NOT NULL,  author VARCHAR(1024) NOT NULL,  url VARCHAR(1024) NOT NULL,  feedurl VARCHAR(1024) NOT NULL,  pubDate INTEGER NOT NULL,  content VARCHAR(65535) NOT NULL, unread INTEGER(1) NOT NULL , enclosure_url VARCHAR(1024), enclosure_type VARCHAR(1024), enqueued INTEGER(1) NOT NULL DEFAULT 0, flags VARCHAR(52), deleted INTEGER(1) NOT NULL DEFAULT 0, base VARCHAR(128) NOT NULL DEFAULT "");
CREATE TABLE metadata (  db_schema_version_major INTEGER NOT NULL,  db_schema_version_minor INTEGER NOT NULL );
INSERT INTO metadata VALUES (2, 21);
INSERT INTO rss_feed (rssurl, url, title) VALUES
  ('http://harbour.test/feed.xml', 'http://harbour.test/', 'Harbour Gazette'),
  ('http://valley.test/atom', 'http://valley.test/', 'Valley Weekly');
INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread, flags) VALUES
  ('tag:harbour.test,2026:1', 'Ferry timetable changes for winter', 'Ann Quay', 'http://harbour.test/1', 'http://harbour.test/feed.xml', 1793613600, '<p>The council said "the winter timetable starts in December".</p>', 0, NULL),
  ('tag:harbour.test,2026:2', 'Lighthouse reopens to visitors', 'Ann Quay', 'http://harbour.test/2', 'http://harbour.test/feed.xml', 1793617200, '<p>Visitors may climb the tower again.</p>', 1, 's'),
  ('http://harbour.test/3Mon, 02 Nov 2026 12:00:00 GMT', 'Fish market moves indoors', '', 'http://harbour.test/3', 'http://harbour.test/feed.xml', 1793620800, '<p>Stalls move into the old warehouse.</p>', 1, NULL),
  ('http://valley.test/a', 'Valley orchard harvest', 'Ben Field', 'http://valley.test/a', 'http://valley.test/atom', 1793624400, '<p>Apples, late this year.</p>', 1, 'sa'),
  ('http://valley.test/b', 'A story deleted in newsboat', '', 'http://valley.test/b', 'http://valley.test/atom', 1793628000, '<p>Gone.</p>', 1, NULL);
UPDATE rss_item SET deleted = 1 WHERE url = 'http://valley.test/b';
