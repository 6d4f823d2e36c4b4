import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;

/**
 * Records watch events (and, through {@link #mark}, other things that happen on the client's event thread) in
 * the order the client delivered them, as "Type path" strings.
 */
final class EventLog implements Watcher {
    private final List<String> _entries = new ArrayList<>();
    private final boolean _includeSessionEvents;

    EventLog(boolean includeSessionEvents) {
        _includeSessionEvents = includeSessionEvents;
    }

    EventLog() {
        this(false);
    }

    @Override
    public void process(WatchedEvent event) {
        if (event.getType() == Event.EventType.None && !_includeSessionEvents) {
            return;
        }
        String text = event.getType() == Event.EventType.None
            ? "State " + event.getState()
            : event.getType() + " " + event.getPath();
        mark(text);
    }

    synchronized void mark(String text) {
        _entries.add(text);
        notifyAll();
    }

    /** Waits (bounded) until at least {@code count} entries are recorded; returns a copy of all of them. */
    synchronized List<String> await(int count, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (_entries.size() < count) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return new ArrayList<>(_entries);
    }

    synchronized List<String> snapshot() {
        return new ArrayList<>(_entries);
    }
}
