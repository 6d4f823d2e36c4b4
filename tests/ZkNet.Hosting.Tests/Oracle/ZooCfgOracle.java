// Test oracle: parses each zoo.cfg named on the command line with Apache ZooKeeper's own QuorumPeerConfig and
// prints what ZooKeeper made of it, one "name<TAB>value" a line between "FILE path" and "END", or an "ERROR" line.
// ZkNet.Hosting.Tests compiles and runs it against /usr/share/java/zookeeper.jar and compares ZooCfgParser with it.
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.zookeeper.server.EphemeralType;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.command.FourLetterCommands;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;

public class ZooCfgOracle {
    private static final String[] WORDS = {"conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "ruok", "stmk", "srst",
        "srvr", "stat", "wchc", "wchp", "wchs", "mntr", "isro", "hash"};

    public static void main(String[] args) {
        Properties baseline = (Properties) System.getProperties().clone();
        for (String path : args) {
            // Each file starts from a clean slate: parse() sets system properties and two static flags.
            for (Object key : new ArrayList<>(System.getProperties().keySet())) {
                if (!baseline.containsKey(key)) {
                    System.clearProperty((String) key);
                }
            }
            QuorumPeerConfig.setStandaloneEnabled(true);
            QuorumPeerConfig.setReconfigEnabled(false);
            System.out.println("FILE " + path);
            try {
                QuorumPeerConfig c = new QuorumPeerConfig();
                c.parse(path);
                print("tickTime", c.getTickTime());
                print("minSessionTimeout", c.getMinSessionTimeout());
                print("maxSessionTimeout", c.getMaxSessionTimeout());
                print("maxClientCnxns", c.getMaxClientCnxns());
                print("clientPortListenBacklog", c.getClientPortListenBacklog());
                print("dataDir", c.getDataDir().toPath().toAbsolutePath().normalize());
                print("dataLogDir", c.getDataLogDir().toPath().toAbsolutePath().normalize());
                if (c.getClientPortAddress() != null) {
                    print("clientPortAddress", c.getClientPortAddress().getHostString());
                    print("clientPort", c.getClientPortAddress().getPort());
                }
                print("snapRetainCount", c.getSnapRetainCount());
                print("purgeInterval", c.getPurgeInterval());
                print("snapCount", ZooKeeperServer.getSnapCount());
                print("snapSizeLimitInKb", ZooKeeperServer.getSnapSizeInBytes() / 1024);
                print("extendedTypesEnabled", EphemeralType.extendedEphemeralTypesEnabled());
                FourLetterCommands.resetWhiteList();
                List<String> enabled = new ArrayList<>();
                for (String w : WORDS) {
                    if (FourLetterCommands.isEnabled(w)) {
                        enabled.add(w);
                    }
                }
                print("4lw", String.join(",", enabled));
                for (String key : System.getProperties().stringPropertyNames()) {
                    if (!baseline.containsKey(key)) {
                        print("sysprop." + key, System.getProperty(key).replace("\n", "\\n"));
                    }
                }
            } catch (Throwable e) {
                StringBuilder message = new StringBuilder();
                for (Throwable t = e; t != null; t = t.getCause()) {
                    message.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" / ");
                }
                System.out.println("ERROR " + message.toString().replace("\n", " "));
            }
            System.out.println("END");
        }
    }

    private static void print(String name, Object value) {
        System.out.println(name + "\t" + value);
    }
}
