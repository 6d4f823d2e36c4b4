import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;
import org.apache.zookeeper.CreateMode;

/**
 * Curator's ServiceDiscovery beside ZkNet's: registers an "orders" instance with id LABEL, port 9001 and payload
 * {zone: java} under BASE, creates the ready node, prints every "orders" instance it can read (the ZkNet one
 * included), then waits for BASE-release (created by the test) and exits, its session ending with it.
 */
final class Discovery {
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void run(CuratorFramework client, String base, String label) throws Exception {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("zone", "java");
        ServiceInstance<Map> me = ServiceInstance.<Map>builder().name("orders").id(label).address("127.0.0.1").port(9001).payload(payload).build();
        try (ServiceDiscovery<Map> discovery = ServiceDiscoveryBuilder.builder(Map.class).client(client).basePath(base)
                .serializer(new JsonInstanceSerializer<>(Map.class)).thisInstance(me).build()) {
            discovery.start();
            client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(base + "-ready-" + label);
            Collection<ServiceInstance<Map>> instances = discovery.queryForInstances("orders");
            for (ServiceInstance<Map> instance : instances) {
                System.out.println("instance id=" + instance.getId() + " address=" + instance.getAddress() + " port=" + instance.getPort()
                    + " zone=" + (instance.getPayload() == null ? null : instance.getPayload().get("zone")) + " enabled=" + instance.isEnabled());
            }
            System.out.flush();
            long deadline = System.currentTimeMillis() + 60000;
            while (client.checkExists().forPath(base + "-release") == null) {
                if (System.currentTimeMillis() > deadline) throw new IllegalStateException("never released");
                Thread.sleep(20);
            }
        }
    }
}
