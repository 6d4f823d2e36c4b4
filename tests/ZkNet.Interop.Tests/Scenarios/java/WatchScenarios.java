import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/** Watch event types, paths and order, persistent and recursive watches, and watch removal. */
final class WatchScenarios {
    private static final long WAIT_MS = 10_000;

    private WatchScenarios() {
    }

    static void register(Map<String, Scenario> into) {
        into.put("watch-before-reply", WatchScenarios::watchBeforeReply);
        into.put("delete-events", WatchScenarios::deleteEvents);
        into.put("persistent-watch", WatchScenarios::persistentWatch);
        into.put("recursive-watch", WatchScenarios::recursiveWatch);
        into.put("remove-watches", WatchScenarios::removeWatches);
    }

    /**
     * The client delivers events and async completions in the order the server sent them, so the watch event
     * for a change must be recorded before the completion of the request that made the change.
     */
    private static Map<String, Object> watchBeforeReply(String connect, String[] args) throws Exception {
        String root = args[0];
        EventLog log = new EventLog();
        try (ZooKeeper zk = Clients.connect(connect, null)) {
            Clients.create(zk, root, "", CreateMode.PERSISTENT);
            zk.getData(root, log, null);
            zk.exists(root + "/n", log);
            zk.getChildren(root, log);
            zk.setData(root, "v".getBytes("UTF-8"), -1, (rc, path, ctx, stat) -> log.mark("reply setData " + rc), null);
            zk.create(root + "/n", new byte[0], Clients.OPEN, CreateMode.PERSISTENT,
                (rc, path, ctx, name) -> log.mark("reply create " + rc), null);
            Map<String, Object> r = Json.object();
            r.put("order", log.await(5, WAIT_MS));
            return r;
        }
    }

    /** Deleting a node watched by getData and whose parent is watched by getChildren. */
    private static Map<String, Object> deleteEvents(String connect, String[] args) throws Exception {
        String root = args[0];
        EventLog log = new EventLog();
        // The client keeps one event per watcher object and path, so the node's own child watch gets its own log.
        EventLog childLog = new EventLog();
        try (ZooKeeper zk = Clients.connect(connect, null)) {
            Clients.create(zk, root, "", CreateMode.PERSISTENT);
            Clients.create(zk, root + "/c", "", CreateMode.PERSISTENT);
            zk.getChildren(root, log);
            zk.getData(root + "/c", log, null);
            zk.getChildren(root + "/c", childLog);
            zk.delete(root + "/c", -1, (rc, path, ctx) -> log.mark("reply delete " + rc), null);
            Map<String, Object> r = Json.object();
            r.put("order", log.await(3, WAIT_MS));
            r.put("childWatchOfDeletedNode", childLog.snapshot());
            // A one-shot watch fired once: another change of the parent sends nothing.
            zk.create(root + "/again", new byte[0], Clients.OPEN, CreateMode.PERSISTENT);
            barrier(zk);
            r.put("afterSecondChange", log.snapshot());
            return r;
        }
    }

    /** A persistent watch stays after firing and reports data, children and existence changes of one node. */
    private static Map<String, Object> persistentWatch(String connect, String[] args) throws Exception {
        String root = args[0];
        EventLog log = new EventLog();
        try (ZooKeeper zk = Clients.connect(connect, null)) {
            Clients.create(zk, root, "", CreateMode.PERSISTENT);
            String p = root + "/p";
            zk.addWatch(p, log, AddWatchMode.PERSISTENT);
            Clients.create(zk, p, "", CreateMode.PERSISTENT);
            zk.setData(p, "1".getBytes("UTF-8"), -1);
            zk.setData(p, "2".getBytes("UTF-8"), -1);
            Clients.create(zk, p + "/child", "", CreateMode.PERSISTENT);
            zk.setData(p + "/child", "1".getBytes("UTF-8"), -1);
            zk.delete(p + "/child", -1);
            zk.delete(p, -1);
            Clients.create(zk, p, "", CreateMode.PERSISTENT);
            barrier(zk);
            Map<String, Object> r = Json.object();
            r.put("events", log.snapshot());
            return r;
        }
    }

    /** A persistent recursive watch reports changes of every descendant, and no child-list events. */
    private static Map<String, Object> recursiveWatch(String connect, String[] args) throws Exception {
        String root = args[0];
        EventLog log = new EventLog();
        try (ZooKeeper zk = Clients.connect(connect, null)) {
            Clients.create(zk, root, "", CreateMode.PERSISTENT);
            zk.addWatch(root, log, AddWatchMode.PERSISTENT_RECURSIVE);
            Clients.create(zk, root + "/a", "", CreateMode.PERSISTENT);
            Clients.create(zk, root + "/a/b", "", CreateMode.PERSISTENT);
            zk.setData(root + "/a/b", "x".getBytes("UTF-8"), -1);
            zk.setData(root, "r".getBytes("UTF-8"), -1);
            zk.delete(root + "/a/b", -1);
            zk.delete(root + "/a", -1);
            barrier(zk);
            Map<String, Object> r = Json.object();
            r.put("events", log.snapshot());
            return r;
        }
    }

    /** removeWatches: the removed watcher is told, the change then sends nothing, a second removal fails. */
    private static Map<String, Object> removeWatches(String connect, String[] args) throws Exception {
        String root = args[0];
        EventLog log = new EventLog();
        EventLog other = new EventLog();
        try (ZooKeeper zk = Clients.connect(connect, null)) {
            Clients.create(zk, root, "", CreateMode.PERSISTENT);
            zk.getData(root, log, null);
            zk.getChildren(root, log);
            zk.getData(root, other, null);
            Map<String, Object> r = Json.object();
            zk.removeWatches(root, log, Watcher.WatcherType.Data, false);
            barrier(zk);
            r.put("afterRemoveData", log.snapshot());
            zk.setData(root, "x".getBytes("UTF-8"), -1);
            Clients.create(zk, root + "/c", "", CreateMode.PERSISTENT);
            barrier(zk);
            r.put("afterChanges", log.snapshot());
            r.put("otherWatcher", other.snapshot());
            r.put("removeAgain", Clients.code(() -> zk.removeWatches(root, log, Watcher.WatcherType.Data, false)));
            zk.getChildren(root, log);
            zk.removeAllWatches(root, Watcher.WatcherType.Any, false);
            barrier(zk);
            r.put("afterRemoveAll", log.snapshot());
            r.put("removeNone", Clients.code(() -> zk.removeAllWatches(root + "/c", Watcher.WatcherType.Any, false)));
            return r;
        }
    }

    /**
     * Waits until an async call's completion ran: completions share the event thread with watch events, so
     * every event the server sent before that reply has been recorded by then.
     */
    static void barrier(ZooKeeper zk) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        zk.exists("/", false, (rc, path, ctx, stat) -> done.countDown(), null);
        if (!done.await(WAIT_MS, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("barrier reply not received in time");
        }
    }
}
