DROP FUNCTION uuid_v7();
DROP TABLE promotion_scheduler;
DROP INDEX products_added_xid_idx;
ALTER TABLE products DROP COLUMN added_xid;
DROP INDEX notifications_campaign_user_key;
DROP TABLE campaigns;
