// Tenants, keys and the service's own settings.
CREATE CONSTRAINT location_id IF NOT EXISTS FOR (l:Location) REQUIRE l.id IS UNIQUE;
CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE;
CREATE CONSTRAINT liaison_setting_name IF NOT EXISTS FOR (s:LiaisonSetting) REQUIRE s.name IS UNIQUE;

// Every record (contact or custom-object record) carries :Record, so one id identifies it across objects.
CREATE CONSTRAINT record_id IF NOT EXISTS FOR (r:Record) REQUIRE r.id IS UNIQUE;
CREATE INDEX record_location IF NOT EXISTS FOR (r:Record) ON (r.locationId, r.objectKey);

// Contacts: one contact per email and per phone within a location (HighLevel's default duplicate rule).
CREATE CONSTRAINT contact_email_per_location IF NOT EXISTS FOR (c:Contact) REQUIRE (c.locationId, c.emailLowerCase) IS UNIQUE;
CREATE CONSTRAINT contact_phone_per_location IF NOT EXISTS FOR (c:Contact) REQUIRE (c.locationId, c.phoneDigits) IS UNIQUE;
CREATE INDEX contact_location_added IF NOT EXISTS FOR (c:Contact) ON (c.locationId, c.dateAdded);
