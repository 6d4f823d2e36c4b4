import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/** Curator recipes across several clients, each with its own session. */
final class CuratorScenarios {
    private CuratorScenarios() {
    }

    static void register(Map<String, Scenario> into) {
        into.put("curator-mutex", CuratorScenarios::mutex);
        into.put("curator-leader", CuratorScenarios::leader);
    }

    static CuratorFramework start(String connect) throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.builder().connectString(connect).sessionTimeoutMs(10_000)
            .connectionTimeoutMs(10_000).retryPolicy(new RetryNTimes(3, 200)).build();
        c.start();
        if (!c.blockUntilConnected(15, TimeUnit.SECONDS)) {
            throw new IllegalStateException("curator did not connect");
        }
        return c;
    }

    /**
     * Clients take an InterProcessMutex in turn; inside it each does an unversioned read-increment-write of a
     * counter node, so any overlap shows up as a lost increment as well as in the in-process holder count.
     */
    private static Map<String, Object> mutex(String connect, String[] args) throws Exception {
        String root = args[0];
        int clients = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        List<CuratorFramework> frameworks = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger maxHolders = new AtomicInteger();
        AtomicInteger acquisitions = new AtomicInteger();
        try {
            for (int i = 0; i < clients; i++) {
                frameworks.add(start(connect));
            }
            frameworks.get(0).create().creatingParentsIfNeeded().forPath(root + "/counter", "0".getBytes("UTF-8"));
            List<Future<?>> futures = new ArrayList<>();
            for (CuratorFramework c : frameworks) {
                futures.add(pool.submit(() -> {
                    InterProcessMutex lock = new InterProcessMutex(c, root + "/lock");
                    for (int round = 0; round < rounds; round++) {
                        if (!lock.acquire(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("lock not acquired within 30 s");
                        }
                        try {
                            int now = holders.incrementAndGet();
                            maxHolders.accumulateAndGet(now, Math::max);
                            acquisitions.incrementAndGet();
                            int value = Integer.parseInt(new String(c.getData().forPath(root + "/counter"), "UTF-8"));
                            Thread.sleep(2);
                            c.setData().forPath(root + "/counter", String.valueOf(value + 1).getBytes("UTF-8"));
                            holders.decrementAndGet();
                        } finally {
                            lock.release();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            CuratorFramework first = frameworks.get(0);
            Map<String, Object> r = Json.object();
            r.put("acquisitions", acquisitions.get());
            r.put("maxHolders", maxHolders.get());
            r.put("counter", Integer.parseInt(new String(first.getData().forPath(root + "/counter"), "UTF-8")));
            // Curator makes the lock's parent a container, which the server may already have reaped (-1).
            Stat lock = first.checkExists().forPath(root + "/lock");
            r.put("lockChildrenAfter", lock == null ? -1 : lock.getNumChildren());
            return r;
        } finally {
            pool.shutdownNow();
            for (CuratorFramework c : frameworks) {
                c.close();
            }
        }
    }

    /** LeaderLatch: exactly one leader at a time, and leadership moves when the leader closes its latch. */
    private static Map<String, Object> leader(String connect, String[] args) throws Exception {
        String root = args[0];
        int clients = Integer.parseInt(args[1]);
        List<CuratorFramework> frameworks = new ArrayList<>();
        List<LeaderLatch> latches = new ArrayList<>();
        Map<String, Object> r = Json.object();
        List<Object> leaderCounts = Json.array();
        List<Object> leaders = Json.array();
        List<Object> agreement = Json.array();
        try {
            for (int i = 0; i < clients; i++) {
                CuratorFramework c = start(connect);
                frameworks.add(c);
                LeaderLatch latch = new LeaderLatch(c, root + "/latch", "client-" + i);
                latches.add(latch);
                latch.start();
            }
            List<LeaderLatch> open = new ArrayList<>(latches);
            while (!open.isEmpty()) {
                LeaderLatch leader = awaitSingleLeader(open);
                leaders.add(leader.getId());
                int count = 0;
                for (LeaderLatch l : open) {
                    count += l.hasLeadership() ? 1 : 0;
                }
                leaderCounts.add(count);
                // Every participant, asked through ZooKeeper, names the same leader.
                boolean agree = true;
                for (LeaderLatch l : open) {
                    agree &= l.getLeader().getId().equals(leader.getId());
                }
                agreement.add(agree);
                leader.close();
                open.remove(leader);
            }
            r.put("leaders", leaders);
            r.put("leaderCounts", leaderCounts);
            r.put("allAgree", agreement);
        } finally {
            for (LeaderLatch l : latches) {
                if (l.getState() == LeaderLatch.State.STARTED) {
                    l.close();
                }
            }
            for (CuratorFramework c : frameworks) {
                c.close();
            }
        }
        // A closed latch deletes its node in the background, but closing the sessions removes what is left.
        try (ZooKeeper zk = Clients.connect(connect, null)) {
            Stat stat = zk.exists(root + "/latch", false);
            r.put("latchChildrenAfter", stat == null ? -1 : stat.getNumChildren());
        }
        return r;
    }


    /** Waits (bounded) until one latch holds leadership, then checks that no other one does. */
    private static LeaderLatch awaitSingleLeader(List<LeaderLatch> open) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (LeaderLatch l : open) {
                if (l.hasLeadership()) {
                    return l;
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no leader among " + open.size() + " latches within 20 s");
    }
}
