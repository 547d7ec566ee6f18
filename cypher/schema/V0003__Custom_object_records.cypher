// Custom objects: each object's graph label (the label its records carry beside :Record) is unique within a location.
CREATE CONSTRAINT object_schema_label_per_location IF NOT EXISTS FOR (o:ObjectSchema) REQUIRE (o.locationId, o.graphLabel) IS UNIQUE;

// Custom-object records are found by location and object (record_location) and listed newest first.
CREATE INDEX record_location_created IF NOT EXISTS FOR (r:Record) ON (r.locationId, r.objectKey, r.createdAt);
