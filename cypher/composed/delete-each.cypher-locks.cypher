MATCH (n:Association {id: $associationId, locationId: $locationId})
SET n._lock = true REMOVE n._lock
WITH count(n) AS lockedNodes
MATCH (label:Association {id: $associationId, locationId: $locationId})
UNWIND $lockOrder AS lockId
OPTIONAL MATCH (record:Record {id: lockId, locationId: $locationId}) USING INDEX record:Record(id)
FOREACH (n IN CASE WHEN record IS NULL THEN [] ELSE [record] END | SET n._lock = true REMOVE n._lock)
WITH label, count(record) AS lockedRecords
UNWIND $items AS item
CALL (label, item) {
MATCH (first:Record {id: item.anchorId, locationId: $locationId})-[r]->(second:Record {locationId: $locationId})
USING INDEX first:Record(id)
WHERE r.id = item.id AND r.locationId = $locationId AND r.associationId = label.id
WITH r, r.id AS id, r.associationId AS associationId, r.createdAt AS createdAt,
     startNode(r).id AS firstRecordId, startNode(r).objectKey AS firstObjectKey,
     endNode(r).id AS secondRecordId, endNode(r).objectKey AS secondObjectKey
DELETE r
RETURN id, associationId, createdAt, firstRecordId, firstObjectKey, secondRecordId, secondObjectKey
}
RETURN item.index AS index, id, associationId, createdAt, firstRecordId, firstObjectKey, secondRecordId, secondObjectKey
