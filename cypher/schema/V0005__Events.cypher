// Events: the outbox. One (:Event) per change, written in the transaction of the change. A new event
// also carries :NewEvent until the sequencer numbers it (seq, per location) for the feed.
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT event_sequence_per_location IF NOT EXISTS FOR (e:Event) REQUIRE (e.locationId, e.seq) IS UNIQUE;
CREATE INDEX event_aggregate IF NOT EXISTS FOR (e:Event) ON (e.aggregateId);
CREATE INDEX event_created IF NOT EXISTS FOR (e:Event) ON (e.createdAt);
CREATE CONSTRAINT event_sequence_location IF NOT EXISTS FOR (c:EventSequence) REQUIRE c.locationId IS UNIQUE;
CREATE CONSTRAINT event_sequencer_name IF NOT EXISTS FOR (s:EventSequencer) REQUIRE s.name IS UNIQUE;

// Webhook subscriptions and their deliveries: (:WebhookSubscription)-[:HAS_DELIVERY]->(:WebhookDelivery).
CREATE CONSTRAINT webhook_subscription_id IF NOT EXISTS FOR (s:WebhookSubscription) REQUIRE s.id IS UNIQUE;
CREATE INDEX webhook_subscription_location IF NOT EXISTS FOR (s:WebhookSubscription) ON (s.locationId);
CREATE CONSTRAINT webhook_delivery_id IF NOT EXISTS FOR (d:WebhookDelivery) REQUIRE d.id IS UNIQUE;
CREATE INDEX webhook_delivery_due IF NOT EXISTS FOR (d:WebhookDelivery) ON (d.status, d.nextAttemptAt);
CREATE INDEX webhook_delivery_order IF NOT EXISTS FOR (d:WebhookDelivery) ON (d.subscriptionId, d.aggregateId);
CREATE INDEX webhook_delivery_event IF NOT EXISTS FOR (d:WebhookDelivery) ON (d.eventId);
