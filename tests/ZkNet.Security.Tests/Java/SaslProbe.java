import java.util.Collections;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.data.Id;

/**
 * Connects with the JAAS Client section named by java.security.auth.login.config and waits for the SASL outcome,
 * printing "state SaslAuthenticated" or "state AuthFailed" (exit 4); then creates NODE readable only by sasl:USER,
 * reads it back ("data VALUE" or "error CODE") and prints "whoami SCHEME ID" lines.
 * Usage: SaslProbe host:port node user
 */
public final class SaslProbe {
    public static void main(String[] args) throws Exception {
        BlockingQueue<Watcher.Event.KeeperState> states = new LinkedBlockingQueue<>();
        ZooKeeper zk = new ZooKeeper(args[0], 10000, e -> states.add(e.getState()));
        try {
            while (true) {
                Watcher.Event.KeeperState state = states.poll(15, TimeUnit.SECONDS);
                if (state == null) {
                    System.out.println("state none");
                    System.out.flush();
                    Runtime.getRuntime().halt(3);
                }
                if (state == Watcher.Event.KeeperState.AuthFailed) {
                    System.out.println("state AuthFailed");
                    System.out.flush();
                    Runtime.getRuntime().halt(4);
                }
                if (state == Watcher.Event.KeeperState.SaslAuthenticated) {
                    System.out.println("state SaslAuthenticated");
                    break;
                }
            }
            try {
                zk.create(args[1], "sasl-data".getBytes("UTF-8"),
                    Collections.singletonList(new ACL(ZooDefs.Perms.ALL, new Id("sasl", args[2]))), CreateMode.PERSISTENT);
                System.out.println("data " + new String(zk.getData(args[1], false, null), "UTF-8"));
            } catch (KeeperException e) {
                System.out.println("error " + e.code().intValue());
            }
            for (ClientInfo info : zk.whoAmI()) {
                System.out.println("whoami " + info.getAuthScheme() + " " + info.getUser());
            }
        } finally {
            zk.close();
        }
    }
}
