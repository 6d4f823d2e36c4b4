import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryNTimes;

/**
 * Curator InterProcessMutex contenders, each with its own session, taking one lock path in a loop until the test
 * sends a line (or closes stdin). Each hold is printed as "ENTER name session t" right after acquire returns and
 * "EXIT name session t" right before release, t from System.nanoTime() (CLOCK_MONOTONIC, the clock the other
 * contenders read too); "LOST name session t" when Curator reports the session lost.
 */
final class LockContender {
    private static volatile boolean stop;

    private LockContender() {
    }

    static void run(String connect, String path, int contenders, int holdMs) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<CuratorFramework> clients = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            String name = "curator" + i;
            CuratorFramework c = CuratorFrameworkFactory.builder().connectString(connect).sessionTimeoutMs(10_000)
                .connectionTimeoutMs(10_000).retryPolicy(new RetryNTimes(100, 200)).build();
            AtomicLong session = new AtomicLong();
            c.getConnectionStateListenable().addListener((client, state) -> {
                if (state == ConnectionState.LOST) {
                    EnsembleClients.say("LOST " + name + " " + Long.toHexString(session.get()) + " " + System.nanoTime());
                }
            });
            c.start();
            if (!c.blockUntilConnected(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("curator did not connect within 30 s");
            }
            session.set(sessionOf(c));
            clients.add(c);
            Thread t = new Thread(() -> contend(c, name, path, holdMs, session));
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        EnsembleClients.say("STARTED");
        EnsembleClients.readLine();
        stop = true;
        for (Thread t : threads) {
            t.join(40_000);
        }
        clients.forEach(CuratorFramework::close);
        EnsembleClients.say("DONE");
    }

    private static void contend(CuratorFramework c, String name, String path, int holdMs, AtomicLong session) {
        InterProcessMutex mutex = new InterProcessMutex(c, path);
        while (!stop) {
            try {
                if (!mutex.acquire(5, TimeUnit.SECONDS)) {
                    continue;
                }
            } catch (Exception e) {
                EnsembleClients.say("ERROR " + name + " acquire " + e);
                sleep(100);
                continue;
            }
            long id = sessionOf(c);
            session.set(id);
            EnsembleClients.say("ENTER " + name + " " + Long.toHexString(id) + " " + System.nanoTime());
            sleep(holdMs);
            EnsembleClients.say("EXIT " + name + " " + Long.toHexString(id) + " " + System.nanoTime());
            try {
                mutex.release();
            } catch (Exception e) {
                EnsembleClients.say("ERROR " + name + " release " + e);
            }
        }
    }

    private static long sessionOf(CuratorFramework c) {
        try {
            return c.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return 0;
        }
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
