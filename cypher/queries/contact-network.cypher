// A contact's network: everyone within two links of one person, with the labels between them.
// Change $name to anyone's display name; $locationId defaults to the demo location.
:param locationId => head(COLLECT { MATCH (s:LiaisonSetting {name: 'demo.location'}) RETURN s.value });
:param name => 'Olivia Hart';

MATCH (me:Record {locationId: $locationId})
WHERE me.displayName = $name
MATCH p = (me)-[links*1..2]-(other:Record)
WHERE all(l IN links WHERE l.locationId = $locationId AND l.associationId IS NOT NULL)
  AND all(n IN nodes(p) WHERE n.locationId = $locationId)
RETURN p
LIMIT 300;
