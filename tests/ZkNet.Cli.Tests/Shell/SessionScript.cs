namespace ZkNet.Cli.Tests.Shell;

/// <summary>
/// One session of zkCli commands, run by zkCli.sh and by zknet cli on the same server under different roots.
/// It covers every command whose output does not depend on the client's identity (version, connect); reconfig is
/// refused by a standalone server, and its option checks run before that.
/// </summary>
internal static class SessionScript
{
    private const string Template = """
        create %R hello
        create %R again
        create -e %R/eph
        create -s %R/seq- x
        create -c %R/cont
        create -t 60000 %R/ttl t
        get %R
        get -s %R
        get %R/nope
        stat %R
        stat %R/nope
        set %R world
        set -s %R w2
        set -v 99 %R x
        ls %R
        ls -s %R
        ls -R %R
        ls %R/nope
        getAcl %R
        getAcl -s %R
        getAllChildrenNumber %R
        getEphemerals %R
        delete %R
        delete %R/nope
        delete -v 7 %R/eph
        create %R/space "two words"
        get %R/space
        create %R/nodata
        get %R/nodata
        setquota -n 50 %R
        listquota %R
        delquota -n %R
        listquota %R
        delquota %R
        listquota %R
        sync %R
        addauth digest u:p
        create %R/acl x digest:u:Jq7wMyA/w2Vd5WIDAKdu4OIIFEQ=:cdrwa,world:anyone:r
        getAcl %R/acl
        setAcl %R/acl world:anyone:r
        setAcl -s %R/acl world:anyone:cdrwa
        setAcl %R/acl bad
        create %R/ro x world:anyone:r
        set %R/ro y
        create %R/ro/child
        printwatches
        printwatches off
        printwatches
        printwatches on
        get -w %R/ro
        ls -w %R/space
        create %R/space/kid
        removewatches %R/nope
        stat -w %R/space
        removewatches %R/space -d
        config
        config -s
        reconfig -add server.5=127.0.0.1:1234:1235;2185
        reconfig -s -remove 3
        reconfig -members server.1=127.0.0.1:1234:1235;2185
        reconfig
        reconfig -add server.5=a:1:2;3 -remove 3 -members x
        reconfig -file a -members b
        reconfig -v zz -remove 3
        reconfig -remove
        bogus
        get
        history
        redo 6
        deleteall %R/space
        ls %R
        close
        ls %R
        """;

    public static string For(string root) => Template.Replace("%R", root, StringComparison.Ordinal) + "\n";
}
