package org.sparsemixerlab.kernel;

import java.lang.reflect.Field;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.Loop;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.MessageType;

/**
 * The Jupyter connection, hardened: in jjava-jupyter 1.0-a6 a message with a bad HMAC signature makes
 * {@code readMessage} throw a {@link SecurityException} that ends the shell (or control) polling
 * thread, so one forged message stops the kernel from serving (measured with protocol-test.py).
 * Here the channels' loops get an error handler that drops the offending message, logs it, and keeps
 * polling. A validly signed request that arrives a second time (a replay of captured bytes) is
 * dropped and logged, as ipykernel does ({@link ReplayGuard}).
 */
final class GuardedConnection extends JupyterConnection {

    private final ReplayGuard replays = new ReplayGuard(ReplayGuard.DEFAULT_CAPACITY);
    /** The kernel log (the process's stderr): during a cell System.err is the cell's output. */
    private final java.io.PrintStream log = System.err;

    GuardedConnection(KernelConnectionProperties props) throws NoSuchAlgorithmException, InvalidKeyException {
        super(props);
    }

    /** jjava-jupyter sleeps 50 ms between polls of an idle channel, which adds up to 50 ms to every request. */
    static final long POLL_SLEEP_MILLIS = 3;

    /** Every request handler runs only for requests not handled before. */
    @Override
    public <T> void setHandler(MessageType<T> type, ShellHandler<T> handler) {
        super.setHandler(type, (env, message) -> {
            // The signed header (msg_id, session, type, date) identifies a request: a client's session copies
            // restart their msg_id counter (jupyter_client's interrupt_request reuses "_0"), so the date is part
            // of the key, as it is of the signature ipykernel remembers.
            Header<?> h = message.getHeader();
            String key = h.getSessionId() + "\u0000" + type.getName() + "\u0000"
                    + (h.getTimestamp() == null ? "" : h.getTimestamp().getDateString());
            String id = h.getId();
            if (id != null && !replays.firstTime(key, id)) {
                log.println("sml-kernel: rejected a replayed " + type.getName() + " (msg_id " + id
                        + " was already handled)");
                return;
            }
            handler.handle(env, message);
        });
    }

    @Override
    public void connect() {
        shortenPollSleep(shell);
        shortenPollSleep(control);
        super.connect();
        keepServingOnBadMessages(shell, "shell");
        keepServingOnBadMessages(control, "control");
    }

    private static void shortenPollSleep(ShellChannel channel) {
        try {
            Field sleep = ShellChannel.class.getDeclaredField("sleep");
            sleep.setAccessible(true);
            sleep.setLong(channel, POLL_SLEEP_MILLIS);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("sml-kernel: keeping jjava-jupyter's 50 ms poll sleep: " + e);
        }
    }

    private static void keepServingOnBadMessages(ShellChannel channel, String name) {
        try {
            Field loopField = ShellChannel.class.getDeclaredField("ioloop");
            loopField.setAccessible(true);
            Loop loop = (Loop) loopField.get(channel);
            loop.onError(error -> {
                String what = error instanceof SecurityException ? "rejected a message" : "dropped a message";
                System.err.println("sml-kernel: " + name + " channel " + what + ": " + error);
                return 0;
            });
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("sml-kernel: could not guard the " + name + " channel against bad messages: " + e);
        }
    }
}
