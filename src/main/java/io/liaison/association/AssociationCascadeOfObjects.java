package io.liaison.association;

import io.liaison.event.EventOutbox;
import io.liaison.event.EventType;
import io.liaison.neo4j.Locks;
import io.liaison.object.AssociationCascade;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import org.neo4j.driver.TransactionContext;

/** The association feature's part of deleting records and objects (see {@link AssociationCascade}). */
@ApplicationScoped
class AssociationCascadeOfObjects implements AssociationCascade {

    private final AssociationRepository associations;
    private final RelationRepository relations;
    private final Locks locks;
    private final EventOutbox outbox;

    public AssociationCascadeOfObjects(AssociationRepository associations, RelationRepository relations, Locks locks, EventOutbox outbox) {
        this.associations = associations;
        this.relations = relations;
        this.locks = locks;
        this.outbox = outbox;
    }

    @Override
    public LockedLabels lockLabelsOf(TransactionContext tx, String locationId, String objectKey) {
        List<Association> labels = associations.ofObject(tx, locationId, objectKey).stream()
                .sorted(Comparator.comparing(Association::id))
                .flatMap(label -> locks.labelForChange(tx, locationId, label.id()).map(Association::from).stream())
                .toList();
        return deleting -> outbox.recordAll(deleting, locationId, EventType.AssociationDelete,
                labels.stream().map(AssociationEvents::of).toList());
    }

    @Override
    public void recordLinksRemovedWith(TransactionContext tx, String locationId, List<String> recordIds) {
        relations.recordLinksRemovedWith(tx, locationId, recordIds);
    }
}
