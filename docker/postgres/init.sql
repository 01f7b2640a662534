-- Run once by the postgres image on an empty data volume: one database per service, since no
-- service reads another's data (each runs its own migrations at start).
CREATE DATABASE users;
CREATE DATABASE products;
CREATE DATABASE orders;
CREATE DATABASE notifications;
