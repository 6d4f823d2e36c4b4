import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.*;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;

/**
 * Contends with ZkNet.Recipes on one path through Curator's own recipes. Usage:
 *   CuratorDriver CONNECT KIND PATH ITERATIONS DIR LABEL [MAXLEASES]
 * KIND: mutex | write | read | semaphore | latch | discovery | selector | counters | queue | cache (those four in
 * MoreRecipes) | priority | group | same-id | barrier (CoordinationRecipes; for barrier MAXLEASES is the member
 * count). Once connected it creates READY (PATH + "-ready-" + LABEL), then
 * runs ITERATIONS critical sections. Each one checks the others through marker files in DIR (created with
 * CREATE_NEW, so an overlap is seen whatever the lock says) and appends LABEL to DIR/log. It prints
 * "acquired=N violations=M" and exits 0.
 */
public final class CuratorDriver {
    public static void main(String[] args) throws Exception {
        String connect = args[0], kind = args[1], path = args[2];
        int iterations = Integer.parseInt(args[3]);
        Path dir = Paths.get(args[4]);
        String label = args[5];
        int maxLeases = args.length > 6 ? Integer.parseInt(args[6]) : 1;
        try (CuratorFramework client = CuratorFrameworkFactory.newClient(connect, 10000, 10000, new ExponentialBackoffRetry(100, 5))) {
            client.start();
            if (!client.blockUntilConnected(30, TimeUnit.SECONDS)) throw new IllegalStateException("no connection");
            if (kind.equals("latch")) { latch(client, path, label, dir); return; }
            if (kind.equals("discovery")) { Discovery.run(client, path, label); return; }
            if (kind.equals("selector")) { MoreRecipes.selector(client, path, label, dir, iterations); return; }
            if (kind.equals("counters")) { MoreRecipes.counters(client, path, label, iterations); return; }
            if (kind.equals("queue")) { MoreRecipes.queue(client, path, label, iterations); return; }
            if (kind.equals("cache")) { MoreRecipes.cache(client, path, label); return; }
            if (kind.equals("priority")) { CoordinationRecipes.priority(client, path, label, iterations); return; }
            if (kind.equals("group")) { CoordinationRecipes.group(client, path, label, iterations); return; }
            if (kind.equals("same-id")) { CoordinationRecipes.sameId(client, path, label); return; }
            if (kind.equals("barrier")) { CoordinationRecipes.barrier(client, path, label, iterations, maxLeases); return; }
            InterProcessReadWriteLock rw = new InterProcessReadWriteLock(client, path);
            InterProcessMutex mutex = kind.equals("mutex") ? new InterProcessMutex(client, path)
                : kind.equals("write") ? rw.writeLock() : kind.equals("read") ? rw.readLock() : null;
            InterProcessSemaphoreV2 semaphore = kind.equals("semaphore") ? new InterProcessSemaphoreV2(client, path, maxLeases) : null;
            client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path + "-ready-" + label);
            // Hold off until the test has seen READY and says go: alone, the driver could finish every round (and its
            // ephemeral READY with it) before the test's own contenders even start.
            long goDeadline = System.currentTimeMillis() + 60000;
            while (client.checkExists().forPath(path + "-go-" + label) == null) {
                if (System.currentTimeMillis() > goDeadline) throw new IllegalStateException("no go node in 60 s");
                Thread.sleep(5);
            }
            int violations = 0, acquired = 0;
            for (int i = 0; i < iterations; i++) {
                Lease lease = null;
                if (semaphore != null) lease = semaphore.acquire(60, TimeUnit.SECONDS);
                else if (!mutex.acquire(60, TimeUnit.SECONDS)) lease = null;
                if (semaphore != null && lease == null) throw new IllegalStateException("no lease in 60 s");
                acquired++;
                violations += CriticalSection.run(dir, kind, label + "-" + i, maxLeases);
                if (lease != null) semaphore.returnLease(lease); else mutex.release();
            }
            System.out.println("acquired=" + acquired + " violations=" + violations);
        }
    }

    private static void latch(CuratorFramework client, String path, String label, Path dir) throws Exception {
        try (LeaderLatch latch = new LeaderLatch(client, path, label)) {
            latch.start();
            // Wait until our own latch node is in place, so the leader we report has seen us queue.
            long deadline = System.currentTimeMillis() + 30000;
            while (latch.getParticipants().stream().noneMatch(p -> p.getId().equals(label))) {
                if (System.currentTimeMillis() > deadline) throw new IllegalStateException("latch node never appeared");
                Thread.sleep(10);
            }
            System.out.println("leader=" + latch.getLeader().getId() + " hasLeadership=" + latch.hasLeadership());
            client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path + "-ready-" + label);
            System.out.println("became=" + latch.await(60, TimeUnit.SECONDS));
        }
    }
}
