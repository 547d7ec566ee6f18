// The shortest paths between two people, over links of every label, at most 6 links long
// (GET /graph/paths answers the same question).
:param locationId => head(COLLECT { MATCH (s:LiaisonSetting {name: 'demo.location'}) RETURN s.value });
:param from => 'Carlos Mendes';
:param to => 'Kai Nakamura';

MATCH (a:Record {locationId: $locationId}) WHERE a.displayName = $from
MATCH (b:Record {locationId: $locationId}) WHERE b.displayName = $to
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE all(l IN relationships(p) WHERE l.locationId = $locationId AND l.associationId IS NOT NULL)
  AND all(n IN nodes(p) WHERE n:Record AND n.locationId = $locationId)
RETURN p
LIMIT 10;
