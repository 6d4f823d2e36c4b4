import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.barriers.DistributedDoubleBarrier;
import org.apache.curator.framework.recipes.nodes.GroupMember;
import org.apache.curator.framework.recipes.queue.DistributedPriorityQueue;
import org.apache.curator.framework.recipes.queue.MultiItem;
import org.apache.curator.framework.recipes.queue.QueueBuilder;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The driver's kinds priority, group, same-id and barrier (see CuratorDriver for the common arguments): Curator's
 * DistributedPriorityQueue, GroupMember (also one sharing ZkNet's member id) and DistributedDoubleBarrier beside
 * ZkNet's on one path. Every wait is bounded; where Curator offers no event to wait on, the wait polls a cheap local or
 * server read.
 */
final class CoordinationRecipes {
    private static final long BOUND_MS = 60000;

    /** What the priority kind puts, as "item@priority": extremes, ties (kept in put order) and both signs. */
    private static final String[] JAVA_ITEMS = {"java-a@7", "java-b@-3", "java-c@0", "java-d@2147483647", "java-e@-2147483648",
        "java-f@7", "java-g@-1"};

    /**
     * Puts JAVA_ITEMS, then java-m1 and java-m2 in one node (putMulti) at priority 1, on PATH/to-dotnet once told to go,
     * creates PATH-put-LABEL when every put is in, then consumes ITERATIONS items from PATH/to-java and prints them in
     * the order Curator handed them out.
     */
    static void priority(CuratorFramework client, String path, String label, int iterations) throws Exception {
        List<String> got = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(iterations);
        QueueBuilder<byte[]> toDotnet = QueueBuilder.builder(client, null, MoreRecipes.BYTES, path + "/to-dotnet");
        QueueBuilder<byte[]> toJava = QueueBuilder.builder(client, MoreRecipes.collecting(got, all), MoreRecipes.BYTES, path + "/to-java");
        try (DistributedPriorityQueue<byte[]> producer = toDotnet.buildPriorityQueue(0);
             DistributedPriorityQueue<byte[]> taker = toJava.buildPriorityQueue(0)) {
            producer.start();
            MoreRecipes.goAfterReady(client, path, label);
            for (String item : JAVA_ITEMS) {
                producer.put(item.getBytes(StandardCharsets.UTF_8), Integer.parseInt(item.substring(item.indexOf('@') + 1)));
            }
            producer.putMulti(new MultiItem<byte[]>() {
                private final String[] items = {"java-m1@1", "java-m2@1"};
                private int next;
                public byte[] nextItem() { return next < items.length ? items[next++].getBytes(StandardCharsets.UTF_8) : null; }
            }, 1);
            // Puts go in the background: the test may only look once every node exists.
            if (!producer.flushPuts(BOUND_MS, TimeUnit.MILLISECONDS)) throw new IllegalStateException("puts not flushed in time");
            client.create().withMode(CreateMode.EPHEMERAL).forPath(path + "-put-" + label);
            taker.start();
            if (!all.await(BOUND_MS, TimeUnit.MILLISECONDS)) throw new IllegalStateException("only " + got.size() + " items came");
            synchronized (got) { System.out.println("got=" + String.join(",", got)); }
        }
    }

    /**
     * GroupMember LABEL (payload "from-LABEL") in the group PATH: prints the members (id=payload, sorted) once ZkNet's
     * "dotnet" and "observer" are among them, creates READY, waits until "dotnet" has left its view and prints "left=dotnet". Then, if ITERATIONS
     * is 0, closes the member and exits at PATH-release; otherwise halts at once, so that the session ends unclosed
     * and only its expiry takes the member away.
     */
    static void group(CuratorFramework client, String path, String label, int iterations) throws Exception {
        GroupMember member = new GroupMember(client, path, label, ("from-" + label).getBytes(StandardCharsets.UTF_8));
        member.start();
        Map<String, byte[]> members = waitForMembers(member, m -> m.containsKey("dotnet") && m.containsKey("observer"), "ZkNet's members never joined");
        StringBuilder seen = new StringBuilder();
        for (Map.Entry<String, byte[]> entry : new TreeMap<>(members).entrySet()) {
            seen.append(seen.length() == 0 ? "" : ",").append(entry.getKey()).append('=').append(new String(entry.getValue(), StandardCharsets.UTF_8));
        }
        System.out.println("members=" + seen);
        client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path + "-ready-" + label);
        waitForMembers(member, m -> !m.containsKey("dotnet"), "dotnet never left");
        System.out.println("left=dotnet");
        System.out.flush();
        if (iterations != 0) Runtime.getRuntime().halt(0);
        member.close();
        MoreRecipes.waitFor(client, path + "-release");
    }

    /**
     * GroupMember "twin" (payload "from-curator") in the group PATH, where ZkNet's member "twin" already holds the node:
     * waits until its start has written its payload into that node (left to ZkNet's session), creates READY, waits until
     * the node is its session's own (ZkNet's session ended and Curator put it back) and prints "recreated", then until
     * its view shows the payload of ZkNet's second "twin" ("from-dotnet-2", written into Curator's node) and prints
     * "overwritten=from-dotnet-2". At PATH-release it closes its session with the member still open and halts, so that
     * only the session's end takes the node away.
     */
    static void sameId(CuratorFramework client, String path, String label) throws Exception {
        String node = path + "/twin";
        long session = client.getZookeeperClient().getZooKeeper().getSessionId();
        GroupMember member = new GroupMember(client, path, "twin", "from-curator".getBytes(StandardCharsets.UTF_8));
        member.start();
        waitForNode(client, node, (stat, data) -> stat.getEphemeralOwner() != session && data.equals("from-curator"),
            "Curator never wrote its payload into ZkNet's node");
        client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path + "-ready-" + label);
        waitForNode(client, node, (stat, data) -> stat.getEphemeralOwner() == session, "Curator never put its own node back");
        System.out.println("recreated");
        Map<String, byte[]> members = waitForMembers(member,
            m -> m.containsKey("twin") && new String(m.get("twin"), StandardCharsets.UTF_8).equals("from-dotnet-2"),
            "ZkNet's second member never wrote its payload");
        System.out.println("overwritten=" + new String(members.get("twin"), StandardCharsets.UTF_8));
        System.out.flush();
        MoreRecipes.waitFor(client, path + "-release");
        client.close();
        Runtime.getRuntime().halt(0);
    }

    /** Polls NODE (a missing node does not match) until its Stat and data (UTF-8) satisfy DONE. */
    private static void waitForNode(CuratorFramework client, String node, BiPredicate<Stat, String> done, String failure) throws Exception {
        long deadline = System.currentTimeMillis() + BOUND_MS;
        while (true) {
            Stat stat = new Stat();
            try {
                byte[] data = client.getData().storingStatIn(stat).forPath(node);
                if (done.test(stat, new String(data, StandardCharsets.UTF_8))) return;
            } catch (KeeperException.NoNodeException e) {
                // Between a deletion and the re-creation.
            }
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException(failure);
            Thread.sleep(5);
        }
    }

    /**
     * ITERATIONS Curator DistributedDoubleBarrier participants for MEMBERS (the driver's last argument) on PATH, each on
     * its own thread: enter, mark PATH-entered-LABELi, leave at once, mark PATH-left-LABELi. READY
     * comes before any of them enters. Prints how many entered and left in time.
     */
    static void barrier(CuratorFramework client, String path, String label, int iterations, int members) throws Exception {
        AtomicInteger entered = new AtomicInteger(), left = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path + "-ready-" + label);
        for (int i = 0; i < iterations; i++) {
            String name = label + i;
            DistributedDoubleBarrier barrier = new DistributedDoubleBarrier(client, path, members);
            Thread thread = new Thread(() -> {
                try {
                    if (!barrier.enter(BOUND_MS, TimeUnit.MILLISECONDS)) return;
                    entered.incrementAndGet();
                    // Persistent, so the test can read their czxids after this process is gone.
                    client.create().forPath(path + "-entered-" + name);
                    if (!barrier.leave(BOUND_MS, TimeUnit.MILLISECONDS)) return;
                    left.incrementAndGet();
                    client.create().forPath(path + "-left-" + name);
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) thread.join(2 * BOUND_MS);
        System.out.println("entered=" + entered.get() + " left=" + left.get());
    }

    /** Polls the member's view (Curator's GroupMember has no listener) until it satisfies DONE. */
    private static Map<String, byte[]> waitForMembers(GroupMember member, Predicate<Map<String, byte[]>> done, String failure)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + BOUND_MS;
        while (true) {
            Map<String, byte[]> members = member.getCurrentMembers();
            if (done.test(members)) return members;
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException(failure + ": " + members.keySet());
            Thread.sleep(5);
        }
    }
}
