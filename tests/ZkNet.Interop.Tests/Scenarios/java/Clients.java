import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;

/** Connecting with a bounded wait, and small helpers shared by the scenarios. */
final class Clients {
    static final List<ACL> OPEN = ZooDefs.Ids.OPEN_ACL_UNSAFE;

    private Clients() {
    }

    /** A new session; waits (bounded) for SyncConnected. Events after that go to {@code events} if given. */
    static ZooKeeper connect(String connect, EventLog events) throws Exception {
        return connect(connect, 10_000, events);
    }

    static ZooKeeper connect(String connect, int sessionTimeoutMs, EventLog events) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        Watcher watcher = e -> {
            if (e.getType() == Watcher.Event.EventType.None && e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
            if (events != null) {
                events.process(e);
            }
        };
        ZooKeeper zk = new ZooKeeper(connect, sessionTimeoutMs, watcher);
        if (!connected.await(15, TimeUnit.SECONDS)) {
            zk.close();
            throw new IllegalStateException("no SyncConnected from " + connect + " within 15 s");
        }
        return zk;
    }

    static String create(ZooKeeper zk, String path, String data, CreateMode mode) throws Exception {
        return zk.create(path, data == null ? null : data.getBytes("UTF-8"), OPEN, mode);
    }

    /** Runs a call and returns "ok" or the KeeperException's code number, as the C# side asserts codes. */
    static Object code(KeeperCall call) throws Exception {
        try {
            call.run();
            return "ok";
        } catch (KeeperException e) {
            return e.code().intValue();
        }
    }

    @FunctionalInterface
    interface KeeperCall {
        void run() throws Exception;
    }
}
