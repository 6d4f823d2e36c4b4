// One scripted session of the real Apache ZooKeeper Java client (3.8), run through record_proxy.py to capture
// the golden frames. Every step is synchronous, so requests appear on the wire in this order.
// Build and run: see ../README.md.
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

public class GoldenSession {
    static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static void step(String what) { System.out.println("STEP " + what); }

    public static void main(String[] args) throws Exception {
        LinkedBlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(args[0], 6000, e -> {
            if (e.getType() == Watcher.Event.EventType.None) {
                if (e.getState() == Watcher.Event.KeeperState.SyncConnected) connected.countDown();
            } else {
                events.add(e);
            }
        });
        if (!connected.await(15, TimeUnit.SECONDS)) throw new IllegalStateException("no connection");

        step("create /golden (open ACL)");
        zk.create("/golden", b("root"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        step("create /golden/acl with a two-entry ACL (world read, digest all)");
        String digest = DigestAuthenticationProvider.generateDigest("golden:secret");
        List<ACL> acl = Arrays.asList(new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE), new ACL(Perms.ALL, new Id("digest", digest)));
        zk.create("/golden/acl", b("guarded"), acl, CreateMode.PERSISTENT);
        step("create2 sequential");
        zk.create("/golden/seq-", b("s"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL, new Stat());
        step("create2 ephemeral");
        zk.create("/golden/eph", b("e"), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, new Stat());
        step("createContainer");
        zk.create("/golden/container", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER, new Stat());
        step("createTTL");
        zk.create("/golden/ttl", b("t"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, new Stat(), 60000);
        step("create existing (NODEEXISTS)");
        try { zk.create("/golden", b("again"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT); } catch (KeeperException.NodeExistsException e) { }
        step("setData");
        zk.setData("/golden", b("v2"), -1);
        step("getData with watch");
        zk.getData("/golden", true, new Stat());
        step("exists (found)");
        zk.exists("/golden", false);
        step("exists with watch (missing, NONODE)");
        zk.exists("/golden/later", true);
        step("getChildren");
        zk.getChildren("/golden", false);
        step("getChildren2");
        zk.getChildren("/golden", false, new Stat());
        step("setACL");
        zk.setACL("/golden", Arrays.asList(new ACL(Perms.ALL, Ids.ANYONE_ID_UNSAFE)), 0);
        step("getACL");
        zk.getACL("/golden/acl", new Stat());
        step("setData firing the data watch (notification NodeDataChanged)");
        zk.setData("/golden", b("v3"), 1);
        if (events.poll(10, TimeUnit.SECONDS) == null) throw new IllegalStateException("no data watch event");
        step("create firing the exists watch (notification NodeCreated)");
        zk.create("/golden/later", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        if (events.poll(10, TimeUnit.SECONDS) == null) throw new IllegalStateException("no exists watch event");
        step("getData missing (NONODE)");
        try { zk.getData("/golden/missing", false, null); } catch (KeeperException.NoNodeException e) { }
        step("setData bad version (BADVERSION)");
        try { zk.setData("/golden", b("x"), 99); } catch (KeeperException.BadVersionException e) { }
        step("setData without auth (NOAUTH)");
        try { zk.setData("/golden/acl", b("x"), -1); } catch (KeeperException.NoAuthException e) { }
        step("multi that succeeds");
        zk.multi(List.of(
            Op.create("/golden/m1", b("m"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
            Op.setData("/golden/m1", b("m2"), 0),
            Op.check("/golden", 2),
            Op.delete("/golden/m1", 1)));
        step("multi that fails");
        try {
            zk.multi(List.of(
                Op.create("/golden/m2", b("m"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.delete("/golden/nothing", -1)));
        } catch (KeeperException e) { }
        step("multiRead");
        zk.multi(List.of(Op.getChildren("/golden"), Op.getData("/golden"), Op.getData("/golden/nothing")));
        step("addWatch persistent recursive");
        zk.addWatch("/golden", AddWatchMode.PERSISTENT_RECURSIVE);
        step("setData firing the persistent recursive watch");
        zk.setData("/golden/eph", b("e2"), -1);
        if (events.poll(10, TimeUnit.SECONDS) == null) throw new IllegalStateException("no recursive watch event");
        step("addAuth digest");
        zk.addAuthInfo("digest", b("golden:secret"));
        step("setData now authorized");
        zk.setData("/golden/acl", b("allowed"), -1);
        step("whoAmI");
        zk.whoAmI();
        step("getEphemerals under /golden");
        zk.getEphemerals("/golden");
        step("getAllChildrenNumber");
        zk.getAllChildrenNumber("/golden");
        step("sync");
        CountDownLatch synced = new CountDownLatch(1);
        zk.sync("/golden", (rc, path, ctx) -> synced.countDown(), null);
        if (!synced.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("no sync reply");
        step("removeWatches (all kinds)");
        zk.removeAllWatches("/golden", Watcher.WatcherType.Any, false);
        step("delete");
        zk.delete("/golden/later", -1);
        step("idle until the client pings");
        Thread.sleep(4500);
        step("close");
        zk.close();
        System.out.println("DONE");
    }
}
