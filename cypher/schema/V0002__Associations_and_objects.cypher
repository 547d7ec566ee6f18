// Association labels: a node each, keyed per location.
CREATE CONSTRAINT association_id IF NOT EXISTS FOR (a:Association) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT association_key_per_location IF NOT EXISTS FOR (a:Association) REQUIRE (a.locationId, a.key) IS UNIQUE;

// Custom object schemas: a node each, keyed per location.
CREATE CONSTRAINT object_schema_id IF NOT EXISTS FOR (o:ObjectSchema) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT object_schema_key_per_location IF NOT EXISTS FOR (o:ObjectSchema) REQUIRE (o.locationId, o.key) IS UNIQUE;
