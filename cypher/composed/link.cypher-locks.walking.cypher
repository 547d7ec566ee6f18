MATCH (n:Association {id: $associationId, locationId: $locationId})
SET n._lock = true REMOVE n._lock
WITH count(n) AS lockedNodes
MATCH (label:Association {id: $associationId, locationId: $locationId})
UNWIND $lockOrder AS lockId
OPTIONAL MATCH (record:Record {id: lockId, locationId: $locationId}) USING INDEX record:Record(id)
FOREACH (n IN CASE WHEN record IS NULL THEN [] ELSE [record] END | SET n._lock = true REMOVE n._lock)
WITH label, count(record) AS lockedRecords
OPTIONAL MATCH (first:Record {id: $firstId, locationId: $locationId}) USING INDEX first:Record(id)
OPTIONAL MATCH (second:Record {id: $secondId, locationId: $locationId}) USING INDEX second:Record(id)
WITH label, $limits[label.cardinality] AS limits, first, second,
  CASE WHEN first IS NULL OR second IS NULL THEN [] ELSE
    [(first)-[r:$($type)]->(second) WHERE r.associationId = $associationId | r.id]
    + CASE WHEN $symmetric
        THEN [(second)-[r:$($type)]->(first) WHERE r.associationId = $associationId | r.id]
        ELSE [] END
  END AS existing,
  CASE WHEN first IS NULL THEN 0 ELSE COUNT { (first)-[link:$($type) WHERE link.associationId = $associationId]->(:Record) } END AS firstAsFirst,
  CASE WHEN first IS NULL THEN 0 ELSE COUNT { (first)<-[link:$($type) WHERE link.associationId = $associationId]-(:Record) } END AS firstAsSecond,
  CASE WHEN second IS NULL THEN 0 ELSE COUNT { (second)-[link:$($type) WHERE link.associationId = $associationId]->(:Record) } END AS secondAsFirst,
  CASE WHEN second IS NULL THEN 0 ELSE COUNT { (second)<-[link:$($type) WHERE link.associationId = $associationId]-(:Record) } END AS secondAsSecond
WITH label, first, second, existing, firstAsFirst, firstAsSecond, secondAsFirst, secondAsSecond,
  first IS NOT NULL AND second IS NOT NULL
    AND first.objectKey = $firstObjectKey AND second.objectKey = $secondObjectKey
    AND size(existing) = 0
    AND firstAsFirst < limits.maxAsFirst AND secondAsSecond < limits.maxAsSecond
    AND firstAsFirst + firstAsSecond < limits.maxLinks AND secondAsFirst + secondAsSecond < limits.maxLinks AS allowed
FOREACH (_ IN CASE WHEN allowed THEN [1] ELSE [] END |
  CREATE (first)-[:$($type) {id: $id, associationId: $associationId, locationId: $locationId,
                             createdAt: $createdAt}]->(second)
  CREATE (:Event:NewEvent {id: $event.id, locationId: $event.locationId, type: $event.type,
                         aggregateId: $event.aggregateId, payload: $event.payload, createdAt: $event.createdAt}))
RETURN label, allowed, existing, first.objectKey AS firstObject, second.objectKey AS secondObject,
       first IS NOT NULL AS firstFound, second IS NOT NULL AS secondFound,
       firstAsFirst, firstAsSecond, secondAsFirst, secondAsSecond
