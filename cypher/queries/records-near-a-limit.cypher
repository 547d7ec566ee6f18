// Records at or near a limit: at least 80% of the per-label cap (LIAISON_LIMITS_RECORDS_PER_LABEL,
// 1000 by default), or already holding the one link a one-sided cardinality allows. Shows a table.
// For your own data, replace the location lookup with your location id in quotes.
MATCH (setting:LiaisonSetting {name: 'demo.location'})
WITH setting.value AS locationId, 1000 AS cap
MATCH (a:Association {locationId: locationId})
CALL (a, locationId, cap) {
  MATCH (x:Record {locationId: locationId})-[l:$(a.relationshipType)]-(:Record {locationId: locationId})
  WHERE l.associationId = a.id AND l.locationId = locationId
  WITH x, count(l) AS links, count(CASE WHEN startNode(l) = x THEN 1 END) AS asFirst
  WITH x, links, asFirst, links - asFirst AS asSecond,
       a.labelType = 'SINGLE' AND a.firstObjectKey = a.secondObjectKey AS symmetric
  WITH x, links,
    CASE
      WHEN links >= ceil(cap * 0.8) THEN 'recordsPerLabel'
      WHEN symmetric AND a.cardinality = 'ONE_TO_ONE' AND links >= 1 THEN 'cardinality'
      WHEN NOT symmetric AND a.cardinality IN ['MANY_TO_ONE', 'ONE_TO_ONE'] AND asFirst >= 1 THEN 'cardinality'
      WHEN NOT symmetric AND a.cardinality IN ['ONE_TO_MANY', 'ONE_TO_ONE'] AND asSecond >= 1 THEN 'cardinality'
    END AS reason
  WHERE reason IS NOT NULL
  RETURN x, links, reason
}
RETURN a.key AS label, x.displayName AS record, x.id AS recordId, links, reason
ORDER BY reason DESC, links DESC, record
LIMIT 200
