-- Alert matching reads every subscription grouped by resume (a resume is read and scored once per scrape run for
-- all its subscriptions), in pages by (user_id, resume_id, subscription_id): this index serves those pages.
CREATE INDEX alert_subscriptions_resume_idx ON alert_subscriptions (user_id, resume_id, subscription_id);
