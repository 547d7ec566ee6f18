// The shortest paths between two people, over links of every label, at most 6 links long
// (GET /graph/paths answers the same question). One statement, so that Neo4j Browser draws the paths.
// For your own data, replace the location lookup with your location id in quotes and the two names.
MATCH (setting:LiaisonSetting {name: 'demo.location'})
WITH setting.value AS locationId, 'Carlos Mendes' AS fromName, 'Kai Nakamura' AS toName
MATCH (a:Record {locationId: locationId}) WHERE a.displayName = fromName
MATCH (b:Record {locationId: locationId}) WHERE b.displayName = toName
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE all(l IN relationships(p) WHERE l.locationId = locationId AND l.associationId IS NOT NULL)
  AND all(n IN nodes(p) WHERE n:Record AND n.locationId = locationId)
RETURN p
LIMIT 10
