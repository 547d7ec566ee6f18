package io.liaison.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/** Which of the due deliveries a lease takes, so that one location's backlog never holds back another's. */
final class DeliveryTurns {

    private DeliveryTurns() {
    }

    /**
     * One of each location's in turn, the locations in id order starting after {@code after} (so the
     * location served first last time goes last), until {@code limit}: first each location up to its
     * {@code share}, so that when there is less room than due deliveries every location gets its share,
     * whatever the size of another's backlog; then, in turns again, up to {@code beyondShares} more in all
     * for locations that have more due, so that senders no other location needs are not left idle (one
     * location alone, the common case of a single-location install, is otherwise held to its share).
     */
    static List<String> take(Map<String, List<String>> dueByLocation, ToIntFunction<String> share, String after, int limit,
            int beyondShares) {
        List<String> order = new ArrayList<>(dueByLocation.keySet());
        order.sort(null);
        int first = 0;
        while (after != null && first < order.size() && order.get(first).compareTo(after) <= 0) {
            first++;
        }
        List<String> locations = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            locations.add(order.get((first + i) % order.size()));
        }
        List<String> taken = new ArrayList<>();
        // Within shares: index i of each location's queue in turn, while i is inside its share.
        for (int index = 0; taken.size() < limit; index++) {
            boolean any = false;
            for (String location : locations) {
                List<String> queue = dueByLocation.get(location);
                if (index < Math.min(queue.size(), share.applyAsInt(location)) && taken.size() < limit) {
                    taken.add(queue.get(index));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        // Beyond shares: the i-th delivery past each location's share, in turn, up to beyondShares in all.
        int beyond = 0;
        for (int index = 0; taken.size() < limit && beyond < beyondShares; index++) {
            boolean any = false;
            for (String location : locations) {
                List<String> queue = dueByLocation.get(location);
                int position = share.applyAsInt(location) + index;
                if (position < queue.size() && taken.size() < limit && beyond < beyondShares) {
                    taken.add(queue.get(position));
                    beyond++;
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return taken;
    }
}
