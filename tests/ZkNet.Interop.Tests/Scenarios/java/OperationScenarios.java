import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.data.Stat;

/** Single operations the kazoo 2.8 client cannot send: create2 modes, TTL, containers, counts, whoAmI, sizes. */
final class OperationScenarios {
    private OperationScenarios() {
    }

    static void register(Map<String, Scenario> into) {
        into.put("create2", OperationScenarios::create2);
        into.put("container", OperationScenarios::container);
        into.put("ttl", OperationScenarios::ttl);
        into.put("all-children-number", OperationScenarios::allChildrenNumber);
        into.put("ephemerals", OperationScenarios::ephemerals);
        into.put("whoami", OperationScenarios::whoAmI);
        into.put("data-size", OperationScenarios::dataSize);
    }

    /** create2 returns the new node's Stat; it must equal what exists() reports afterwards. */
    private static Map<String, Object> create2(String connect, String[] args) throws Exception {
        String root = args[0];
        try (ZooKeeper zk = Clients.connect(connect, null)) {
            Clients.create(zk, root, "", CreateMode.PERSISTENT);
            Stat created = new Stat();
            String path = zk.create(root + "/n", "hello".getBytes("UTF-8"), Clients.OPEN, CreateMode.PERSISTENT, created);
            Map<String, Object> r = Json.object();
            r.put("path", path);
            r.put("created", Json.stat(created));
            r.put("exists", Json.stat(zk.exists(path, false)));
            r.put("parent", Json.stat(zk.exists(root, false)));
            return r;
        }
    }

    /** A container's Stat and its reaction to children; the server marks containers in ephemeralOwner. */
    private static Map<String, Object> container(String connect, String[] args) throws Exception {
        String root = args[0];
        try (ZooKeeper zk = Clients.connect(connect, null)) {
            Clients.create(zk, root, "", CreateMode.PERSISTENT);
            Stat stat = new Stat();
            String path = zk.create(root + "/c", new byte[0], Clients.OPEN, CreateMode.CONTAINER, stat);
            Clients.create(zk, path + "/child", "", CreateMode.PERSISTENT);
            Map<String, Object> r = Json.object();
            r.put("path", path);
            r.put("created", Json.stat(stat));
            r.put("afterChild", Json.stat(zk.exists(path, false)));
            return r;
        }
    }

    /** TTL nodes (extendedTypesEnabled=true): names and Stat. The Java client itself refuses TTLs out of range. */
    private static Map<String, Object> ttl(String connect, String[] args) throws Exception {
        String root = args[0];
        try (ZooKeeper zk = Clients.connect(connect, null)) {
            Clients.create(zk, root, "", CreateMode.PERSISTENT);
            Stat stat = new Stat();
            String path = zk.create(root + "/t", new byte[0], Clients.OPEN, CreateMode.PERSISTENT_WITH_TTL, stat, 60_000);
            Stat seqStat = new Stat();
            String seqPath = zk.create(root + "/ts-", new byte[0], Clients.OPEN, CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL,
                seqStat, 5_000);
            Map<String, Object> r = Json.object();
            r.put("path", path);
            r.put("created", Json.stat(stat));
            r.put("sequentialPath", seqPath);
            r.put("sequentialCreated", Json.stat(seqStat));
            return r;
        }
    }

    /** getAllChildrenNumber counts every descendant, not only direct children. */
    private static Map<String, Object> allChildrenNumber(String connect, String[] args) throws Exception {
        String root = args[0];
        try (ZooKeeper zk = Clients.connect(connect, null)) {
            Clients.create(zk, root, "", CreateMode.PERSISTENT);
            Clients.create(zk, root + "/a", "", CreateMode.PERSISTENT);
            Clients.create(zk, root + "/a/b", "", CreateMode.PERSISTENT);
            Clients.create(zk, root + "/a/b/c", "", CreateMode.PERSISTENT);
            Clients.create(zk, root + "/d", "", CreateMode.EPHEMERAL);
            Map<String, Object> r = Json.object();
            r.put("root", zk.getAllChildrenNumber(root));
            r.put("a", zk.getAllChildrenNumber(root + "/a"));
            r.put("leaf", zk.getAllChildrenNumber(root + "/a/b/c"));
            r.put("missing", Clients.code(() -> zk.getAllChildrenNumber(root + "/missing")));
            return r;
        }
    }

    /** getEphemerals lists the calling session's ephemerals only, filtered by a plain string prefix. */
    private static Map<String, Object> ephemerals(String connect, String[] args) throws Exception {
        String root = args[0];
        try (ZooKeeper a = Clients.connect(connect, null); ZooKeeper b = Clients.connect(connect, null)) {
            Clients.create(a, root, "", CreateMode.PERSISTENT);
            Clients.create(a, root + "/sub", "", CreateMode.PERSISTENT);
            Clients.create(a, root + "/e1", "", CreateMode.EPHEMERAL);
            Clients.create(a, root + "/sub/e2", "", CreateMode.EPHEMERAL);
            Clients.create(a, root + "/seq-", "", CreateMode.EPHEMERAL_SEQUENTIAL);
            Clients.create(b, root + "/other", "", CreateMode.EPHEMERAL);
            Map<String, Object> r = Json.object();
            r.put("underRoot", sorted(a.getEphemerals(root)));
            r.put("stringPrefix", sorted(a.getEphemerals(root + "/e")));
            r.put("all", sorted(a.getEphemerals()));
            r.put("otherSession", sorted(b.getEphemerals(root)));
            r.put("noMatch", sorted(a.getEphemerals(root + "/nothing-here")));
            return r;
        }
    }

    /** whoAmI before and after adding a digest identity. */
    private static Map<String, Object> whoAmI(String connect, String[] args) throws Exception {
        try (ZooKeeper zk = Clients.connect(connect, null)) {
            Map<String, Object> r = Json.object();
            r.put("before", infos(zk.whoAmI()));
            zk.addAuthInfo("digest", "alice:secret".getBytes("UTF-8"));
            r.put("after", infos(zk.whoAmI()));
            return r;
        }
    }

    /**
     * setData with each size given (ascending): "ok" and the stored length, or the KeeperException code the
     * client reports. A refused packet costs the writer its connection, so the next size gets a new writer; the
     * broken one is never closed (closing would wait for its reconnection) and dies with the JVM.
     */
    private static Map<String, Object> dataSize(String connect, String[] args) throws Exception {
        String root = args[0];
        Map<String, Object> r = Json.object();
        try (ZooKeeper reader = Clients.connect(connect, null)) {
            Clients.create(reader, root, "", CreateMode.PERSISTENT);
            ZooKeeper writer = Clients.connect(connect, null);
            for (int i = 1; i < args.length; i++) {
                int size = Integer.parseInt(args[i]);
                String path = root + "/n" + size;
                Clients.create(reader, path, "", CreateMode.PERSISTENT);
                Map<String, Object> one = Json.object();
                try {
                    writer.setData(path, new byte[size], -1);
                    one.put("result", "ok");
                } catch (KeeperException e) {
                    one.put("result", e.code().intValue());
                    writer = Clients.connect(connect, null);
                }
                one.put("storedLength", reader.exists(path, false).getDataLength());
                r.put(String.valueOf(size), one);
            }
            String first = root + "/n" + args[1];
            r.put("readBackFirst", Clients.code(() -> reader.getData(first, false, null)));
            writer.close();
        }
        return r;
    }

    private static List<String> sorted(List<String> list) {
        Collections.sort(list);
        return list;
    }

    private static List<Object> infos(List<ClientInfo> list) {
        List<Object> out = Json.array();
        for (ClientInfo info : list) {
            out.add(info.getAuthScheme() + ":" + info.getUser());
        }
        return out;
    }
}
