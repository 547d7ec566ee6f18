// Label usage: for each association label of the location, its links and the records using it
// (GET /associations/{associationId}/usage answers the same for one label). Shows a table.
// For your own data, replace the location lookup with your location id in quotes.
MATCH (setting:LiaisonSetting {name: 'demo.location'})
WITH setting.value AS locationId
MATCH (a:Association {locationId: locationId})
CALL (a, locationId) {
  MATCH (x:Record {locationId: locationId})-[l:$(a.relationshipType)]-(:Record {locationId: locationId})
  WHERE l.associationId = a.id AND l.locationId = locationId
  RETURN count(l) / 2 AS links, count(DISTINCT x) AS records
}
RETURN a.key AS label, a.firstObjectLabel + ' / ' + a.secondObjectLabel AS roles, a.cardinality AS cardinality,
       links, records
ORDER BY links DESC, label
