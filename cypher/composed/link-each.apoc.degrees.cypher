MATCH (n:Association {id: $associationId, locationId: $locationId})
WITH n
CALL apoc.lock.read.nodes([n])
WITH count(n) AS lockedNodes
MATCH (label:Association {id: $associationId, locationId: $locationId})
UNWIND $lockOrder AS lockId
OPTIONAL MATCH (record:Record {id: lockId, locationId: $locationId}) USING INDEX record:Record(id)
WITH label, collect(record) AS toLock
CALL apoc.lock.nodes(toLock)
WITH label, size(toLock) AS lockedRecords
UNWIND $items AS item
CALL (label, item) {
OPTIONAL MATCH (first:Record {id: item.firstId, locationId: $locationId}) USING INDEX first:Record(id)
OPTIONAL MATCH (second:Record {id: item.secondId, locationId: $locationId}) USING INDEX second:Record(id)
WITH label, $limits[label.cardinality] AS limits, first, second,
  CASE WHEN first IS NULL OR second IS NULL THEN [] ELSE
    [(first)-[r:$($type)]->(second) WHERE r.associationId = $associationId | r.id]
    + CASE WHEN $symmetric
        THEN [(second)-[r:$($type)]->(first) WHERE r.associationId = $associationId | r.id]
        ELSE [] END
  END AS existing,
  CASE WHEN first IS NULL THEN 0 ELSE liaison.degree.out(first, $type) END AS firstAsFirst,
  CASE WHEN first IS NULL THEN 0 ELSE liaison.degree.in(first, $type) END AS firstAsSecond,
  CASE WHEN second IS NULL THEN 0 ELSE liaison.degree.out(second, $type) END AS secondAsFirst,
  CASE WHEN second IS NULL THEN 0 ELSE liaison.degree.in(second, $type) END AS secondAsSecond
WITH label, first, second, existing, firstAsFirst, firstAsSecond, secondAsFirst, secondAsSecond,
  first IS NOT NULL AND second IS NOT NULL
    AND first.objectKey = $firstObjectKey AND second.objectKey = $secondObjectKey
    AND size(existing) = 0
    AND firstAsFirst < limits.maxAsFirst AND secondAsSecond < limits.maxAsSecond
    AND firstAsFirst + firstAsSecond < limits.maxLinks AND secondAsFirst + secondAsSecond < limits.maxLinks AS allowed
FOREACH (_ IN CASE WHEN allowed THEN [1] ELSE [] END |
  CREATE (first)-[:$($type) {id: item.id, associationId: $associationId, locationId: $locationId,
                             createdAt: item.createdAt}]->(second)
  CREATE (:Event:NewEvent {id: item.event.id, locationId: item.event.locationId, type: item.event.type,
                         aggregateId: item.event.aggregateId, payload: item.event.payload, createdAt: item.event.createdAt}))
RETURN allowed, existing, first.objectKey AS firstObject, second.objectKey AS secondObject,
       first IS NOT NULL AS firstFound, second IS NOT NULL AS secondFound,
       firstAsFirst, firstAsSecond, secondAsFirst, secondAsSecond
}
RETURN item.index AS index, label, allowed, existing, firstObject, secondObject, firstFound, secondFound,
       firstAsFirst, firstAsSecond, secondAsFirst, secondAsSecond
