import java.util.List;
import java.util.Map;

import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/** Sessions resumed by id and password, as a client does after losing its connection. */
final class SessionScenarios {
    private SessionScenarios() {
    }

    static void register(Map<String, Scenario> into) {
        into.put("resume", SessionScenarios::resume);
    }

    /**
     * Connects with an existing session id and password (hex) and reports the first session state. When the
     * session is resumed it also reports the Stat of the given path, then closes the session.
     */
    private static Map<String, Object> resume(String connect, String[] args) throws Exception {
        long sessionId = Long.parseUnsignedLong(args[0], 16);
        byte[] password = hex(args[1]);
        String path = args[2];
        EventLog log = new EventLog(true);
        ZooKeeper zk = new ZooKeeper(connect, 10_000, log, sessionId, password);
        try {
            List<String> states = log.await(1, 15_000);
            Map<String, Object> r = Json.object();
            r.put("firstState", states.isEmpty() ? "none" : states.get(0));
            if (!states.isEmpty() && states.get(0).equals("State SyncConnected")) {
                r.put("sessionId", Long.toHexString(zk.getSessionId()));
                r.put("timeout", zk.getSessionTimeout());
                Stat stat = zk.exists(path, false);
                r.put("ephemeralOwner", stat == null ? "none" : Long.toHexString(stat.getEphemeralOwner()));
            }
            return r;
        } finally {
            zk.close();
        }
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
