import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Entry point: java ZkScenarios host:port scenario [args...]. Prints one line "RESULT {json}" with what the
 * real Java client (or Curator) observed; the C# test asserts on it. Any exception exits 1 with its stack trace.
 */
public final class ZkScenarios {
    private ZkScenarios() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Scenario> scenarios = new TreeMap<>();
        OperationScenarios.register(scenarios);
        MultiScenarios.register(scenarios);
        WatchScenarios.register(scenarios);
        SessionScenarios.register(scenarios);
        CuratorScenarios.register(scenarios);
        if (args.length < 2 || !scenarios.containsKey(args[1])) {
            System.err.println("usage: ZkScenarios host:port scenario [args]; scenarios: " + scenarios.keySet());
            System.exit(2);
        }
        // Never outlive the C# side's own bound by much, even if a server stops answering.
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(90_000);
                System.err.println("scenario watchdog: gave up after 90 s");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        int code = 0;
        try {
            Map<String, Object> result = scenarios.get(args[1]).run(args[0], Arrays.copyOfRange(args, 2, args.length));
            System.out.println("RESULT " + Json.write(result));
        } catch (Throwable t) {
            t.printStackTrace();
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }
}
