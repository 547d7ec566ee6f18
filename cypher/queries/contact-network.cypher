// A contact's network: everyone within two links of one person, with the labels between them.
// One statement, so that Neo4j Browser draws it as a graph. For your own data, replace the
// location lookup with your location id in quotes ('...' AS locationId) and the name with a record's name.
MATCH (setting:LiaisonSetting {name: 'demo.location'})
WITH setting.value AS locationId, 'Olivia Hart' AS name
MATCH (me:Record {locationId: locationId})
WHERE me.displayName = name
MATCH p = (me)-[links*1..2]-(other:Record)
WHERE all(l IN links WHERE l.locationId = locationId AND l.associationId IS NOT NULL)
  AND all(n IN nodes(p) WHERE n.locationId = locationId)
RETURN p
LIMIT 300
