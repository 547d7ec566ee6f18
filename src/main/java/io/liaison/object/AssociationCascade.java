package io.liaison.object;

import java.util.List;
import org.neo4j.driver.TransactionContext;

/**
 * What deleting records or a whole object takes from the association feature, inside the deleting
 * transaction. Declared here and implemented by association/ (which uses object/), so that object/
 * needs no import of association/ and the two packages make no cycle.
 */
public interface AssociationCascade {

    /**
     * Locks the association labels of this object exclusively, in id order (the lock order wants
     * labels before records), and answers them as they are under the lock, to record their deletion.
     */
    LockedLabels lockLabelsOf(TransactionContext tx, String locationId, String objectKey);

    /**
     * Locks the links of these records and their other records, and records a RelationDelete per
     * link, in this transaction; the caller deletes the records (and with them the links) after.
     */
    void recordLinksRemovedWith(TransactionContext tx, String locationId, List<String> recordIds);

    /** The labels {@link #lockLabelsOf} locked. */
    interface LockedLabels {

        /** Records an AssociationDelete per label, in this transaction. */
        void recordDeleted(TransactionContext tx);
    }
}
