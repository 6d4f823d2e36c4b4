namespace ZkNet.Cli.Shell;

internal sealed partial class ZkShell
{
    // Usage lines are zkCli 3.8's, so the help text reads the same.
    private Dictionary<string, ShellCommand> CreateCommands() => new(StringComparer.Ordinal)
    {
        ["addWatch"] = new("addWatch [-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - default is PERSISTENT_RECURSIVE", "", "m", 1, true, AddWatchAsync),
        ["addauth"] = new("addauth scheme auth", "", "", 1, true, AddAuthAsync),
        ["close"] = new("close ", "", "", 0, false, CloseAsync),
        ["config"] = new("config [-c] [-w] [-s]", "cws", "", 0, true, ConfigAsync),
        ["connect"] = new("connect host:port", "", "", 0, false, ConnectCommandAsync),
        ["create"] = new("create [-s] [-e] [-c] [-t ttl] path [data] [acl]", "sec", "t", 1, true, CreateAsync),
        ["delete"] = new("delete [-v version] path", "", "v", 1, true, DeleteAsync),
        ["deleteall"] = new("deleteall path [-b batch size]", "", "b", 1, true, DeleteAllAsync),
        ["delquota"] = new("delquota [-n|-b|-N|-B] path", "nbNB", "", 1, true, DelQuotaAsync),
        ["get"] = new("get [-s] [-w] path", "sw", "", 1, true, GetAsync),
        ["getAcl"] = new("getAcl [-s] path", "s", "", 1, true, GetAclAsync),
        ["getAllChildrenNumber"] = new("getAllChildrenNumber path", "", "", 1, true, GetAllChildrenNumberAsync),
        ["getEphemerals"] = new("getEphemerals path", "", "", 0, true, GetEphemeralsAsync),
        ["history"] = new("history ", "", "", 0, false, HistoryAsync),
        ["listquota"] = new("listquota path", "", "", 1, true, ListQuotaAsync),
        ["ls"] = new("ls [-s] [-w] [-R] path", "swR", "", 1, true, LsAsync),
        ["printwatches"] = new("printwatches on|off", "", "", 0, false, PrintWatchesAsync),
        ["quit"] = new("quit ", "", "", 0, false, QuitAsync),
        ["reconfig"] = new("reconfig [-s] [-v version] [[-file path] | [-members serverID=host:port1:port2;port3[,...]*]] | [-add serverId=host:port1:port2;port3[,...]]* [-remove serverId[,...]*]", "s", "v", 0, true, ReconfigAsync),
        ["redo"] = new("redo cmdno", "", "", 1, false, _ => Task.FromResult(false)),
        ["removewatches"] = new("removewatches path [-c|-d|-a] [-l]", "cdal", "", 1, true, RemoveWatchesAsync),
        ["set"] = new("set [-s] [-v version] path data", "s", "v", 2, true, SetAsync),
        ["setAcl"] = new("setAcl [-s] [-v version] [-R] path acl", "sR", "v", 2, true, SetAclAsync),
        ["setquota"] = new("setquota -n|-b|-N|-B val path", "", "nbNB", 1, true, SetQuotaAsync),
        ["stat"] = new("stat [-w] path", "w", "", 1, true, StatAsync),
        ["sync"] = new("sync path", "", "", 1, true, SyncAsync),
        ["version"] = new("version ", "", "", 0, false, VersionAsync),
        ["whoami"] = new("whoami ", "", "", 0, true, WhoAmIAsync),
    };
}
