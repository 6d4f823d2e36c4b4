import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.retry.RetryNTimes;

/** Curator's side of bench/recipes.sh: CuratorBench HOST:PORT CLIENTS SECONDS, the same mutex and atomic loops as RecipeBench. */
public final class CuratorBench {
    interface Step { void run(CuratorFramework client, String path) throws Exception; }

    public static void main(String[] args) throws Exception {
        String connect = args[0];
        int clients = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        List<CuratorFramework> sessions = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            CuratorFramework c = CuratorFrameworkFactory.newClient(connect, new ExponentialBackoffRetry(100, 3));
            c.start();
            c.blockUntilConnected();
            sessions.add(c);
        }
        String run = Long.toHexString(System.nanoTime());
        report("mutex", "acquire+release/s", clients, measure(sessions, seconds, "/bench-" + run + "/mutex", (c, path) -> {
            InterProcessMutex mutex = MUTEXES.get().computeIfAbsent(c, k -> new InterProcessMutex(k, path));
            mutex.acquire();
            mutex.release();
        }));
        report("atomic", "increments/s", clients, measure(sessions, seconds, "/bench-" + run + "/atomic", (c, path) -> {
            DistributedAtomicLong value = new DistributedAtomicLong(c, path, new RetryNTimes(1000, 0));
            if (!value.increment().succeeded()) throw new IllegalStateException("increment gave up");
        }));
        for (CuratorFramework c : sessions) c.close();
    }

    private static final ThreadLocal<java.util.Map<CuratorFramework, InterProcessMutex>> MUTEXES =
        ThreadLocal.withInitial(java.util.HashMap::new);

    private static double measure(List<CuratorFramework> sessions, double seconds, String path, Step step) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong count = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (CuratorFramework c : sessions) {
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) { step.run(c, path); count.incrementAndGet(); }
                } catch (Exception e) { throw new RuntimeException(e); }
            });
            t.start();
            threads.add(t);
        }
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread t : threads) t.join();
        return count.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static void report(String name, String unit, int clients, double rate) {
        System.out.printf("curator       %-12s %12.0f %s (%d clients)%n", name, rate, unit, clients);
    }
}
