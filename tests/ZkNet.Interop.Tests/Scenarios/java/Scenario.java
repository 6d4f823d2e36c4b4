import java.util.Map;

/** One subcommand: takes the connect string and its own arguments, returns what it observed. */
@FunctionalInterface
interface Scenario {
    Map<String, Object> run(String connect, String[] args) throws Exception;
}
