DROP TABLE IF EXISTS unread_counters;
DROP TABLE IF EXISTS notifications;
