// The sequencer takes new events oldest id first, LIMIT a batch: an index on :NewEvent(id) hands them
// over in id order, so a batch reads only the events it numbers, however large the backlog, instead
// of scanning and sorting every new event each time. Numbering an event by its id seeks event_id.
CREATE INDEX new_event_id IF NOT EXISTS FOR (e:NewEvent) ON (e.id);
