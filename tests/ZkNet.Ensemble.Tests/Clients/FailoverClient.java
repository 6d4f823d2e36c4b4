import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * One session on the whole ensemble: creates {root}/eph (ephemeral) and {root}/before, prints "READY sessionId",
 * waits for a line (the test kills a member meanwhile), then creates the ephemeral {root}/after (retrying connection loss for up to
 * 40 s, never across an expired session) and prints "RESULT session ephemeralOwner states" (ids in hex; states as
 * the client reported them, e.g. Disconnected or SUSPENDED, to show it did fail over).
 */
final class FailoverClient {
    private FailoverClient() {
    }

    static void plain(String connect, String root) throws Exception {
        List<String> states = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connect, 20_000, e -> {
            if (e.getType() == org.apache.zookeeper.Watcher.Event.EventType.None) {
                synchronized (states) {
                    states.add(e.getState().name());
                }
                if (e.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            }
        });
        if (!connected.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no session within 30 s");
        }
        zk.create(root + "/eph", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        zk.create(root + "/before", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        EnsembleClients.say("READY " + Long.toHexString(zk.getSessionId()));
        EnsembleClients.readLine();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        boolean lost = false;
        while (true) {
            try {
                zk.create(root + "/after", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
                break;
            } catch (KeeperException.NodeExistsException e) {
                // Only after a connection loss: the first attempt did create it.
                if (!lost) {
                    throw e;
                }
                break;
            } catch (KeeperException.ConnectionLossException e) {
                lost = true;
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
        Stat eph = zk.exists(root + "/eph", false);
        String seen;
        synchronized (states) {
            seen = String.join(",", states);
        }
        EnsembleClients.say("RESULT " + Long.toHexString(zk.getSessionId()) + " " + (eph == null ? "none" : Long.toHexString(eph.getEphemeralOwner()))
            + " " + seen);
        // The session stays while the test reads its ephemerals through every member.
        EnsembleClients.readLine();
        zk.close();
    }

    static void curator(String connect, String root) throws Exception {
        List<String> states = new ArrayList<>();
        CuratorFramework c = CuratorFrameworkFactory.builder().connectString(connect).sessionTimeoutMs(20_000)
            .connectionTimeoutMs(15_000).retryPolicy(new RetryNTimes(80, 500)).build();
        c.getConnectionStateListenable().addListener((client, state) -> {
            synchronized (states) {
                states.add(state.name());
            }
        });
        c.start();
        if (!c.blockUntilConnected(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("curator did not connect within 30 s");
        }
        c.create().withMode(CreateMode.EPHEMERAL).forPath(root + "/eph");
        c.create().forPath(root + "/before");
        EnsembleClients.say("READY " + Long.toHexString(c.getZookeeperClient().getZooKeeper().getSessionId()));
        EnsembleClients.readLine();
        try {
            // Curator retries connection loss itself (RetryNTimes: up to 40 s).
            c.create().withMode(CreateMode.EPHEMERAL).forPath(root + "/after");
        } catch (KeeperException.NodeExistsException e) {
            // A retry after a connection loss whose first attempt did create it.
        }
        Stat eph = c.checkExists().forPath(root + "/eph");
        String seen;
        synchronized (states) {
            seen = String.join(",", states);
        }
        EnsembleClients.say("RESULT " + Long.toHexString(c.getZookeeperClient().getZooKeeper().getSessionId()) + " "
            + (eph == null ? "none" : Long.toHexString(eph.getEphemeralOwner())) + " " + seen);
        EnsembleClients.readLine();
        c.close();
    }
}
