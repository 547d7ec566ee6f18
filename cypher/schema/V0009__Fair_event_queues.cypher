// Event numbering and webhook delivery take turns per location (issue 22): one location's backlog must
// not hold back another's events.
// New events of one location, in id order: the sequencer finds the locations with new events by seeking
// this index from one location to the next, and takes a batch of each location's oldest from it.
CREATE INDEX new_event_location_id IF NOT EXISTS FOR (e:NewEvent) ON (e.locationId, e.id);
// Due deliveries of one location, oldest first: the dispatcher leases each location's share from it.
CREATE INDEX webhook_delivery_location_due IF NOT EXISTS FOR (d:WebhookDelivery) ON (d.locationId, d.status, d.nextAttemptAt);
// The sequencer no longer reads new events in global id order (V0007's index): dropped, so that an event's
// append and its numbering update one :NewEvent index, as before, not two.
DROP INDEX new_event_id IF EXISTS;
// Due deliveries are no longer read in one queue for all locations (V0005's index): dropped likewise.
DROP INDEX webhook_delivery_due IF EXISTS;
