package io.liaison.association;

import io.liaison.neo4j.Ids;
import io.liaison.neo4j.PlanWarmUp;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import org.neo4j.driver.TransactionContext;

/**
 * The hot statements of links, planned after a start (see {@link PlanWarmUp}), with the parameters
 * RelationService gives them, under a label and records that exist nowhere. Each in a transaction of
 * its own, as requests run them: Cypher caches a statement run after a write under another key.
 */
public final class RelationPlans {

    private RelationPlans() {
    }

    /**
     * A link: the composed statement of cypher/composed/ that this database uses. Cypher caches its plan
     * per relationship type (the statement's {@code $($type)}), so it is rehearsed for the types of the
     * most labels in the store; a store without labels has no link to warm.
     */
    @ApplicationScoped
    public static class Link implements PlanWarmUp.Rehearsal {

        /** Each type costs a plan (a second or more of CPU on two busy cores): the most used ones only. */
        static final int TYPES_WARMED = 10;

        private final RelationService service;
        private final RelationRepository repository;
        private final AssociationRepository labels;

        public Link(RelationService service, RelationRepository repository, AssociationRepository labels) {
            this.service = service;
            this.repository = repository;
            this.labels = labels;
        }

        @Override
        public String what() {
            return "link create";
        }

        @Override
        public void rehearse(TransactionContext tx) {
            // The label is found nowhere, so the statement links nothing and the transaction keeps no change.
            for (String type : labels.commonRelationshipTypes(tx, TYPES_WARMED)) {
                String now = Timestamps.iso(Timestamps.now());
                Association label = new Association(Ids.newId(), "plan_warm_up", PlanWarmUp.NO_LOCATION, "contact", "Plan", "contact",
                        "Warm-up", Association.USER_DEFINED, LabelType.PAIR, Cardinality.MANY_TO_MANY, type, now, now);
                String firstId = Ids.newId();
                var link = new RelationRepository.NewLink(RelationIds.newId(firstId), firstId, Ids.newId(), Timestamps.now());
                repository.linkIfAllowed(tx, label, service.cap(), link.relationId(), link.firstId(), link.secondId(), link.createdAt(),
                        RelationService.relationCreated(RelationService.relation(label, link)));
            }
        }
    }

    /** A record's relations, first page, every label. */
    @ApplicationScoped
    public static class Read implements PlanWarmUp.Rehearsal {

        private final RelationRepository repository;

        public Read(RelationRepository repository) {
            this.repository = repository;
        }

        @Override
        public String what() {
            return "relations read";
        }

        @Override
        public void rehearse(TransactionContext tx) {
            repository.relationsOf(tx, PlanWarmUp.NO_LOCATION, Ids.newId(), null, AssociationService.skip(null),
                    AssociationService.pageSize(null));
        }
    }
}
