import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Entry point: java EnsembleClients connect-string mode args... Real Java clients driven by the ensemble tests over
 * stdin/stdout, one line at a time: "failover-java" and "failover-curator" (FailoverClient), "lock-curator"
 * (LockContender). A watchdog halts the program after 150 s if the C# side never ends it.
 */
public final class EnsembleClients {
    private static final BufferedReader IN = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    private EnsembleClients() {
    }

    public static void main(String[] args) throws Exception {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.schedule(() -> Runtime.getRuntime().halt(3), 150, TimeUnit.SECONDS);
        int code = 0;
        try {
            switch (args[1]) {
                case "failover-java": FailoverClient.plain(args[0], args[2]); break;
                case "failover-curator": FailoverClient.curator(args[0], args[2]); break;
                case "lock-curator": LockContender.run(args[0], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4])); break;
                default: throw new IllegalArgumentException("unknown mode " + args[1]);
            }
        } catch (Throwable t) {
            t.printStackTrace();
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    /** Prints one line at once (lines from several threads never mix). */
    static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** The next line from the test, or null at the end of input. */
    static String readLine() throws Exception {
        return IN.readLine();
    }
}
