"""Job alerts: subscriptions (a resume, search filters, a minimum score, a webhook), the alerts a scrape run's new
and changed jobs make, and their signed webhook deliveries."""
