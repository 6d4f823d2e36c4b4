namespace ZkNet.Hosting.Tests.Configuration;

/// <summary>
/// zoo.cfg texts run through both Apache ZooKeeper's QuorumPeerConfig and ZooCfgParser. ASCII only: ZooKeeper
/// reads the file as Latin-1, so non-ASCII characters are written as \u escapes, which both read alike.
/// </summary>
internal static class DifferentialCases
{
    private const string Base = "dataDir=data\nclientPort=2181\n";

    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // java.properties syntax
        ["separators"] = "tickTime 3000\ndataDir = data/\nclientPort : 2181\nmaxClientCnxns\t=\t9\n",
        ["comments_and_blank_lines"] = "# comment\n! bang comment\n   \n  tickTime=2500\n  # indented comment\n" + Base,
        ["continuations"] = "tickTime=2\\\n   000\ndataDir=da\\\n  ta\nclientPort=21\\\n81\n# not continued \\\nmaxClientCnxns=3\n",
        ["escapes"] = "tick\\Time=2000\ndataDir=dat\\u0061\nclientPort=2181\nmaxClientCnxns=\\ 7\\t\n",
        ["escaped_separator_in_key"] = "weird\\=key=1\nodd\\:key\\ name=2\n" + Base,
        ["last_definition_wins"] = "tickTime=1000\ntickTime=3000\n" + Base,
        ["crlf_and_trailing_blanks"] = "tickTime=2000  \r\ndataDir=data\t\r\nclientPort=2181\r\nmaxClientCnxns= 10 \r\n",
        ["cr_only_lines"] = "tickTime=4000\rdataDir=data\rclientPort=2181\r",
        ["no_final_newline"] = "dataDir=data\nclientPort=2181\ntickTime=1500",
        ["key_without_value"] = "lonelykey\nother:\n" + Base,
        ["empty_file_but_required"] = Base,
        // numbers as Integer.parseInt reads them
        ["plus_sign_and_negative"] = "tickTime=+2000\nclientPort=+2181\ndataDir=data\nmaxClientCnxns=-5\n",
        ["unicode_digits"] = "tickTime=\\uff12\\uff10\\uff10\\uff10\n" + Base,
        ["leading_zero_is_decimal"] = "tickTime=02000\n" + Base,
        // QuorumPeerConfig's own keys
        ["session_timeouts"] = "tickTime=1000\nminSessionTimeout=500\nmaxSessionTimeout=90000\n" + Base,
        ["explicit_minus_one_timeouts"] = "tickTime=1000\nminSessionTimeout=-1\nmaxSessionTimeout=-1\n" + Base,
        ["autopurge"] = "autopurge.snapRetainCount=1\nautopurge.purgeInterval=24\n" + Base,
        ["autopurge_kept"] = "autopurge.snapRetainCount=10\n" + Base,
        ["data_log_dir"] = "dataLogDir=logs/txn\n" + Base,
        ["absolute_dirs"] = "dataDir=/var/lib/zknet-diff/data/\ndataLogDir=/var/lib/zknet-diff/log\nclientPort=2181\n",
        ["dot_dirs"] = "dataDir=./data/../other\nclientPort=2181\n",
        ["client_port_address"] = "clientPortAddress=127.0.0.1\n" + Base,
        ["client_port_address_name"] = "clientPortAddress=localhost\n" + Base,
        ["listen_backlog"] = "clientPortListenBacklog=100\nmaxClientCnxns=0\n" + Base,
        // system-property settings
        ["whitelist_list"] = "4lw.commands.whitelist=stat, ruok ,,conf\n" + Base,
        ["whitelist_star"] = "4lw.commands.whitelist=ruok,*,bogus\n" + Base,
        ["whitelist_empty"] = "4lw.commands.whitelist=\n" + Base,
        ["snap_settings"] = "snapCount=5000\nsnapSizeLimitInKb=0x100\n" + Base,
        ["snap_count_malformed"] = "snapCount=lots\nsnapSizeLimitInKb=huge\n" + Base,
        ["snap_count_small"] = "snapCount=1\nsnapSizeLimitInKb=-1\n" + Base,
        ["snap_size_octal"] = "snapSizeLimitInKb=0100\n" + Base,
        ["extended_types_any_case"] = "extendedTypesEnabled=TRUE\n" + Base,
        ["extended_types_yes_is_false"] = "extendedTypesEnabled=yes\n" + Base,
        // keys ZooKeeper knows that ZkNet ignores, and unknown keys
        ["ignored_keys"] = "initLimit=10\nsyncLimit=5\nserver.1=localhost:2888:3888\nadmin.enableServer=false\nstandaloneEnabled=true\n" +
            "metricsProvider.className=org.apache.zookeeper.metrics.impl.DefaultMetricsProvider\nlocalSessionsEnabled=False\n" +
            "electionAlg=3\npeerType=OBSERVER\njvm.pause.monitor=false\nquorum.cnxn.threads.size=4\n" + Base,
        ["unknown_keys"] = "frobnicate=yes\nzookeeper.tickTime=99\n" + Base,
        // refused by ZooKeeper
        ["refuse_tick_time_not_number"] = "tickTime=abc\n" + Base,
        ["refuse_tick_time_zero"] = "tickTime=0\n" + Base,
        ["refuse_tick_time_decimal"] = "tickTime=2000.5\n" + Base,
        ["refuse_tick_time_hex"] = "tickTime=0x10\n" + Base,
        ["refuse_client_port_not_number"] = "clientPort=21x\ndataDir=data\n",
        ["refuse_client_port_out_of_range"] = "clientPort=70000\ndataDir=data\n",
        ["refuse_client_port_address_without_port"] = "clientPortAddress=127.0.0.1\ndataDir=data\n",
        ["refuse_data_dir_missing"] = "clientPort=2181\n",
        ["refuse_data_dir_empty"] = "dataDir=\nclientPort=2181\n", // ZooKeeper crashes on it; ZkNet says why
        ["refuse_min_above_max"] = "minSessionTimeout=9000\nmaxSessionTimeout=8000\n" + Base,
        ["refuse_default_min_above_max"] = "tickTime=1000\nmaxSessionTimeout=1500\n" + Base,
        ["refuse_max_client_cnxns_overflow"] = "maxClientCnxns=99999999999\n" + Base,
        ["refuse_snap_retain_not_number"] = "autopurge.snapRetainCount=three\n" + Base,
        ["refuse_bool_invalid"] = "standaloneEnabled=maybe\n" + Base,
        ["refuse_election_alg_1"] = "electionAlg=1\n" + Base,
        ["refuse_init_limit_not_number"] = "initLimit=ten\n" + Base,
        ["refuse_peer_type"] = "peerType=leader\n" + Base,
        ["refuse_malformed_unicode_escape"] = "maxClientCnxns=\\u12\n" + Base,
        ["refuse_secure_address_without_port"] = "secureClientPortAddress=127.0.0.1\n" + Base,
        ["refuse_jvm_pause_not_long"] = "jvm.pause.sleep.time.ms=soon\n" + Base,
        // accepted by ZooKeeper, refused by ZkNet on purpose (see KnownDeviations)
        ["deviation_no_client_port"] = "dataDir=data\n",
        ["deviation_client_port_zero"] = "clientPort=0\ndataDir=data\n",
        ["deviation_negative_tick_with_timeouts"] = "tickTime=-5\nminSessionTimeout=1000\nmaxSessionTimeout=2000\n" + Base,
    };

    /// <summary>Files ZooKeeper accepts that ZkNet refuses, and why.</summary>
    public static IReadOnlyDictionary<string, string> KnownDeviations { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["deviation_no_client_port"] = "ZooKeeper starts with no client port and serves nobody; ZkNet refuses",
        ["deviation_client_port_zero"] = "ZooKeeper treats clientPort=0 as unset (see above)",
        ["deviation_negative_tick_with_timeouts"] = "a negative tickTime is meaningless; ZooKeeper only refuses it when the default timeouts expose it",
    };
}
