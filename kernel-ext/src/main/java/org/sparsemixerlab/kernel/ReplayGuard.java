package org.sparsemixerlab.kernel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the ids of the validly signed requests already handled, so a captured request replayed
 * on the shell or control channel is not run a second time. The same protection as ipykernel's
 * "Duplicate Signature" check: a replay carries the same signed header (msg_id, session, type and
 * date) as the original, and a new header cannot be signed without the connection key. The memory is bounded: the
 * oldest ids are forgotten first.
 */
final class ReplayGuard {

    static final int DEFAULT_CAPACITY = 1 << 16;

    private final Map<String, Boolean> seen;

    ReplayGuard(int capacity) {
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * True the first time a request is seen; false for a replay.
     *
     * @param signedFields the other signed header fields that tell requests apart (session, type, date)
     */
    synchronized boolean firstTime(String signedFields, String messageId) {
        return seen.put(signedFields + "\u0000" + messageId, Boolean.TRUE) == null;
    }
}
