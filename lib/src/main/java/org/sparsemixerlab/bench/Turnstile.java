package org.sparsemixerlab.bench;

/**
 * Gives turns round-robin to a fixed set of parties (threads), so that work done on several
 * threads runs one party at a time in the order 0, 1, ..., n-1, 0, 1, ... Parties that have left
 * are skipped.
 */
final class Turnstile {
    private final boolean[] gone;
    private int turn;

    Turnstile(int parties) {
        this.gone = new boolean[parties];
    }

    /** Blocks until it is {@code party}'s turn. */
    synchronized void await(int party) throws InterruptedException {
        while (turn != party) {
            wait();
        }
    }

    /** Ends {@code party}'s turn and gives the next turn to the next party still present. */
    synchronized void pass(int party) {
        if (turn != party) {
            throw new IllegalStateException("party " + party + " passed a turn it did not hold (turn " + turn + ")");
        }
        advance();
    }

    /** {@code party} takes no more turns; if it held the turn, the next party gets it. */
    synchronized void leave(int party) {
        gone[party] = true;
        if (turn == party) {
            advance();
        }
    }

    private void advance() {
        for (int i = 1; i <= gone.length; i++) {
            int next = (turn + i) % gone.length;
            if (!gone[next]) {
                turn = next;
                break;
            }
        }
        notifyAll();
    }
}
