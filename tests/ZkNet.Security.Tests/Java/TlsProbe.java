import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ClientInfo;

/**
 * Connects with the client settings given as system properties (zookeeper.client.secure and the ssl.* ones),
 * then prints one line per fact: "connected", "data VALUE", "whoami SCHEME ID", "read PATH CODE";
 * or "noconnect" (exit 3) when no session comes within the bound.
 * Usage: TlsProbe host:port node [path-to-read...]
 */
public final class TlsProbe {
    public static void main(String[] args) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(args[0], 10000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            if (!connected.await(8, TimeUnit.SECONDS)) {
                System.out.println("noconnect");
                System.out.flush();
                Runtime.getRuntime().halt(3);
            }
            System.out.println("connected");
            zk.create(args[1], "hello".getBytes("UTF-8"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            System.out.println("data " + new String(zk.getData(args[1], false, null), "UTF-8"));
            for (ClientInfo info : zk.whoAmI()) {
                System.out.println("whoami " + info.getAuthScheme() + " " + info.getUser());
            }
            for (int i = 2; i < args.length; i++) {
                try {
                    zk.getData(args[i], false, null);
                    System.out.println("read " + args[i] + " 0");
                } catch (KeeperException e) {
                    System.out.println("read " + args[i] + " " + e.code().intValue());
                }
            }
        } finally {
            zk.close();
        }
    }
}
