import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/** Pipelined getData from one Java client connection: the counterpart of ClientThroughput.cs. */
public final class ClientThroughput {
    public static void main(String[] args) throws Exception {
        String server = args.length > 0 ? args[0] : "127.0.0.1:2181";
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 200000;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(server, 30000, e -> {
            if (e.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        connected.await();
        String path = "/bench-throughput";
        if (zk.exists(path, false) == null) {
            zk.create(path, new byte[100], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        run(zk, path, ops / 4, window);
        long start = System.nanoTime();
        run(zk, path, ops, window);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("java-client getData ops=%d window=%d seconds=%.2f ops/s=%.0f%n", ops, window, seconds, ops / seconds);
        zk.close();
    }

    private static void run(ZooKeeper zk, String path, int ops, int window) throws InterruptedException {
        Semaphore inFlight = new Semaphore(window);
        CountDownLatch done = new CountDownLatch(ops);
        AtomicLong errors = new AtomicLong();
        for (int i = 0; i < ops; i++) {
            inFlight.acquire();
            zk.getData(path, false, (rc, p, ctx, data, stat) -> {
                if (rc != 0) {
                    errors.incrementAndGet();
                }
                inFlight.release();
                done.countDown();
            }, null);
        }
        done.await();
        if (errors.get() > 0) {
            throw new IllegalStateException(errors.get() + " requests failed");
        }
    }
}
