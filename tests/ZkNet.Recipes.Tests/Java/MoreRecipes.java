import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.atomic.AtomicValue;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.leader.LeaderSelector;
import org.apache.curator.framework.recipes.leader.LeaderSelectorListenerAdapter;
import org.apache.curator.framework.recipes.leader.Participant;
import org.apache.curator.framework.recipes.queue.DistributedQueue;
import org.apache.curator.framework.recipes.queue.QueueBuilder;
import org.apache.curator.framework.recipes.queue.QueueConsumer;
import org.apache.curator.framework.recipes.queue.QueueSerializer;
import org.apache.curator.framework.recipes.shared.SharedCount;
import org.apache.curator.framework.recipes.shared.VersionedValue;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.CreateMode;

/**
 * The driver's kinds beyond locks, latch and discovery, each run through Curator's own recipe beside ZkNet's on one
 * path (see CuratorDriver for the common arguments). Each creates READY (PATH-ready-LABEL) once set up; the test then
 * creates PATH-go-LABEL (counters, queue) or simply acts (selector, cache). Every wait is bounded.
 */
final class MoreRecipes {
    private static final long BOUND_MS = 60000;
    private static final LeaderSelector[] selectorRef = new LeaderSelector[1];
    private static final AtomicInteger violations = new AtomicInteger();

    /** LeaderSelector with id LABEL and autoRequeue: ITERATIONS terms, each a marker-file critical section. */
    static void selector(CuratorFramework client, String path, String label, Path dir, int iterations) throws Exception {
        AtomicInteger terms = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        List<String> seen = new ArrayList<>();
        LeaderSelector selector = new LeaderSelector(client, path, new LeaderSelectorListenerAdapter() {
            @Override
            public void takeLeadership(CuratorFramework c) throws Exception {
                int term = terms.getAndIncrement();
                if (term >= iterations) return; // done: give leadership straight back until the selector closes
                if (term == 0) {
                    // Lead the first term only once another contender queues, so that the two sides really alternate.
                    long deadline = System.currentTimeMillis() + BOUND_MS;
                    while (selectorRef[0].getParticipants().size() < 2) {
                        if (System.currentTimeMillis() > deadline) throw new IllegalStateException("nobody else queued");
                        Thread.sleep(5);
                    }
                    for (Participant p : selectorRef[0].getParticipants()) seen.add(p.getId() + (p.isLeader() ? "*" : ""));
                }
                if (CriticalSection.run(dir, "mutex", label + "-" + term, 1) != 0) violations.incrementAndGet();
                if (term == iterations - 1) done.countDown();
            }
        });
        selectorRef[0] = selector;
        selector.setId(label);
        selector.autoRequeue();
        // Queue first (before READY), so that Curator leads the first term, holding it until a ZkNet selector queues.
        selector.start();
        long queued = System.currentTimeMillis() + BOUND_MS;
        while (selector.getParticipants().stream().noneMatch(p -> p.getId().equals(label))) {
            if (System.currentTimeMillis() > queued) throw new IllegalStateException("our selector node never appeared");
            Thread.sleep(5);
        }
        client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path + "-ready-" + label);
        if (!done.await(BOUND_MS, TimeUnit.MILLISECONDS)) throw new IllegalStateException("terms not done in time");
        selector.close();
        System.out.println("terms=" + Math.min(terms.get(), iterations) + " violations=" + violations.get() + " participants=" + String.join(",", seen));
    }

    /** ITERATIONS increments of a SharedCount (PATH/shared) and a DistributedAtomicLong (PATH/long); prints both at PATH-release. */
    static void counters(CuratorFramework client, String path, String label, int iterations) throws Exception {
        try (SharedCount shared = new SharedCount(client, path + "/shared", 0)) {
            shared.start();
            DistributedAtomicLong along = new DistributedAtomicLong(client, path + "/long", new RetryNTimes(1000, 1));
            goAfterReady(client, path, label);
            long deadline = System.currentTimeMillis() + BOUND_MS;
            for (int i = 0; i < iterations; i++) {
                AtomicValue<Long> result = along.increment();
                while (!result.succeeded()) result = along.increment();
                while (true) {
                    VersionedValue<Integer> seen = shared.getVersionedValue();
                    if (shared.trySetCount(seen, seen.getValue() + 1)) break;
                    if (System.currentTimeMillis() > deadline) throw new IllegalStateException("no shared increment in time");
                    Thread.sleep(1);
                }
            }
            waitFor(client, path + "-release");
            // Read afresh: the values ZkNet's increments left, decoded by Curator.
            VersionedValue<Integer> finalShared = shared.getVersionedValue();
            while (finalShared.getVersion() != client.checkExists().forPath(path + "/shared").getVersion()) {
                if (System.currentTimeMillis() > deadline) throw new IllegalStateException("shared count never caught up");
                Thread.sleep(5);
                finalShared = shared.getVersionedValue();
            }
            System.out.println("long=" + along.get().postValue() + " shared=" + finalShared.getValue());
        }
    }

    /** Puts ITERATIONS items "java-i" on PATH/to-dotnet and consumes ITERATIONS items from PATH/to-java, printing them in order. */
    static void queue(CuratorFramework client, String path, String label, int iterations) throws Exception {
        List<String> got = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(iterations);
        try (DistributedQueue<byte[]> producer = QueueBuilder.builder(client, null, BYTES, path + "/to-dotnet").buildQueue();
             DistributedQueue<byte[]> taker = QueueBuilder.builder(client, collecting(got, all), BYTES, path + "/to-java").buildQueue()) {
            producer.start();
            goAfterReady(client, path, label);
            for (int i = 0; i < iterations; i++) producer.put(("java-" + i).getBytes(StandardCharsets.UTF_8));
            taker.start();
            if (!all.await(BOUND_MS, TimeUnit.MILLISECONDS)) throw new IllegalStateException("only " + got.size() + " items came");
            synchronized (got) { System.out.println("got=" + String.join(",", got)); }
        }
    }

    /**
     * CuratorCache on PATH beside ZkNet's TreeCache: creates PATH/java "from-curator" once READY, waits until its cache
     * sees PATH/dotnet "from-dotnet", changes its node to "changed-by-curator", waits until the cache sees PATH/dotnet
     * deleted, and prints what it saw.
     */
    static void cache(CuratorFramework client, String path, String label) throws Exception {
        List<String> events = new ArrayList<>();
        CountDownLatch created = new CountDownLatch(1), deleted = new CountDownLatch(1);
        try (CuratorCache cache = CuratorCache.build(client, path)) {
            cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreates(node -> {
                    if (node.getPath().equals(path + "/dotnet")) {
                        synchronized (events) { events.add("created:dotnet=" + new String(node.getData(), StandardCharsets.UTF_8)); }
                        created.countDown();
                    }
                })
                .forDeletes(node -> {
                    if (node.getPath().equals(path + "/dotnet")) {
                        synchronized (events) { events.add("deleted:dotnet"); }
                        deleted.countDown();
                    }
                })
                .build());
            CountDownLatch initialized = new CountDownLatch(1);
            cache.listenable().addListener(CuratorCacheListener.builder().forInitialized(initialized::countDown).build());
            cache.start();
            if (!initialized.await(BOUND_MS, TimeUnit.MILLISECONDS)) throw new IllegalStateException("cache never initialized");
            client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path + "-ready-" + label);
            client.create().creatingParentsIfNeeded().forPath(path + "/java", "from-curator".getBytes(StandardCharsets.UTF_8));
            if (!created.await(BOUND_MS, TimeUnit.MILLISECONDS)) throw new IllegalStateException("never saw the ZkNet node");
            client.setData().forPath(path + "/java", "changed-by-curator".getBytes(StandardCharsets.UTF_8));
            if (!deleted.await(BOUND_MS, TimeUnit.MILLISECONDS)) throw new IllegalStateException("never saw the ZkNet node go");
            synchronized (events) { System.out.println("events=" + String.join(",", events)); }
        }
    }

    /** Queue items as raw bytes: the ZkNet queues carry byte arrays. */
    static final QueueSerializer<byte[]> BYTES = new QueueSerializer<byte[]>() {
        public byte[] serialize(byte[] item) { return item; }
        public byte[] deserialize(byte[] data) { return data; }
    };

    /** A consumer that appends each item (as UTF-8) to GOT and counts ALL down. */
    static QueueConsumer<byte[]> collecting(List<String> got, CountDownLatch all) {
        return new QueueConsumer<byte[]>() {
            public void consumeMessage(byte[] item) {
                synchronized (got) { got.add(new String(item, StandardCharsets.UTF_8)); }
                all.countDown();
            }
            public void stateChanged(CuratorFramework c, ConnectionState state) { }
        };
    }

    static void goAfterReady(CuratorFramework client, String path, String label) throws Exception {
        client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path + "-ready-" + label);
        waitFor(client, path + "-go-" + label);
    }

    static void waitFor(CuratorFramework client, String node) throws Exception {
        long deadline = System.currentTimeMillis() + BOUND_MS;
        while (client.checkExists().forPath(node) == null) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("no " + node + " in time");
            Thread.sleep(5);
        }
    }
}
