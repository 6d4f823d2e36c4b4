import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;

/** multi (transactions) and multiRead, with the per-operation results the server returns. */
final class MultiScenarios {
    private MultiScenarios() {
    }

    static void register(Map<String, Scenario> into) {
        into.put("multi", MultiScenarios::multi);
        into.put("multi-read", MultiScenarios::multiRead);
    }

    private static Map<String, Object> multi(String connect, String[] args) throws Exception {
        String root = args[0];
        try (ZooKeeper zk = Clients.connect(connect, null)) {
            Clients.create(zk, root, "", CreateMode.PERSISTENT);
            Map<String, Object> r = Json.object();
            List<OpResult> ok = zk.multi(Arrays.asList(
                Op.create(root + "/a", "1".getBytes("UTF-8"), Clients.OPEN, CreateMode.PERSISTENT),
                Op.create(root + "/s-", new byte[0], Clients.OPEN, CreateMode.PERSISTENT_SEQUENTIAL),
                Op.setData(root + "/a", "22".getBytes("UTF-8"), 0),
                Op.check(root + "/a", 1),
                Op.create(root + "/b", new byte[0], Clients.OPEN, CreateMode.PERSISTENT),
                Op.delete(root + "/b", 0)));
            r.put("success", results(ok));
            r.put("afterSuccess", Json.stat(zk.exists(root + "/a", false)));

            // The third op fails (no such node): the whole multi is rolled back.
            try {
                zk.multi(Arrays.asList(
                    Op.create(root + "/c", new byte[0], Clients.OPEN, CreateMode.PERSISTENT),
                    Op.setData(root + "/a", "x".getBytes("UTF-8"), 1),
                    Op.delete(root + "/missing", -1),
                    Op.create(root + "/d", new byte[0], Clients.OPEN, CreateMode.PERSISTENT)));
                r.put("failure", "no exception");
            } catch (KeeperException e) {
                r.put("failureCode", e.code().intValue());
                r.put("failurePath", e.getPath());
                r.put("failure", results(e.getResults()));
            }
            r.put("cExists", zk.exists(root + "/c", false) != null);
            r.put("aVersionAfterFailure", zk.exists(root + "/a", false).getVersion());

            // A failing check (BadVersion) in the middle.
            try {
                zk.multi(Arrays.asList(
                    Op.check(root + "/a", 0),
                    Op.create(root + "/e", new byte[0], Clients.OPEN, CreateMode.PERSISTENT)));
                r.put("checkFailure", "no exception");
            } catch (KeeperException e) {
                r.put("checkFailureCode", e.code().intValue());
                r.put("checkFailure", results(e.getResults()));
            }
            r.put("emptyMulti", results(zk.multi(Arrays.asList())));
            return r;
        }
    }

    /** A multi of reads only goes out as multiRead; a failing read does not hide the others. */
    private static Map<String, Object> multiRead(String connect, String[] args) throws Exception {
        String root = args[0];
        try (ZooKeeper zk = Clients.connect(connect, null)) {
            Clients.create(zk, root, "data", CreateMode.PERSISTENT);
            Clients.create(zk, root + "/x", "", CreateMode.PERSISTENT);
            Clients.create(zk, root + "/y", "", CreateMode.PERSISTENT);
            Map<String, Object> r = Json.object();
            List<Op> ops = Arrays.asList(Op.getChildren(root), Op.getData(root), Op.getData(root + "/missing"),
                Op.getChildren(root + "/x"));
            try {
                r.put("results", results(zk.multi(ops)));
            } catch (KeeperException e) {
                r.put("exceptionCode", e.code().intValue());
                r.put("results", results(e.getResults()));
            }
            return r;
        }
    }

    static List<Object> results(List<OpResult> results) {
        List<Object> out = Json.array();
        if (results == null) {
            return out;
        }
        for (OpResult result : results) {
            Map<String, Object> o = Json.object();
            o.put("type", result.getType());
            if (result instanceof OpResult.ErrorResult) {
                o.put("err", ((OpResult.ErrorResult) result).getErr());
            } else if (result instanceof OpResult.CreateResult) {
                OpResult.CreateResult c = (OpResult.CreateResult) result;
                o.put("path", c.getPath());
                if (c.getStat() != null) {
                    o.put("stat", Json.stat(c.getStat()));
                }
            } else if (result instanceof OpResult.SetDataResult) {
                o.put("stat", Json.stat(((OpResult.SetDataResult) result).getStat()));
            } else if (result instanceof OpResult.GetDataResult) {
                OpResult.GetDataResult g = (OpResult.GetDataResult) result;
                o.put("data", new String(g.getData(), java.nio.charset.StandardCharsets.UTF_8));
                o.put("stat", Json.stat(g.getStat()));
            } else if (result instanceof OpResult.GetChildrenResult) {
                List<String> children = ((OpResult.GetChildrenResult) result).getChildren();
                java.util.Collections.sort(children);
                o.put("children", children);
            }
            out.add(o);
        }
        return out;
    }
}
