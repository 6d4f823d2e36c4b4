using System.Globalization;
using System.Text;
using ZkNet.Persistence.Txns;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.Txn;

namespace ZkNet.Cli.Output;

/// <summary>
/// One readable line per logged txn, the shape of ZooKeeper's TxnLogToolkit: time, session, cxid, zxid, type, then
/// the record's fields (named here, where the toolkit prints them bare), with a multi's operations expanded.
/// </summary>
internal static class TxnText
{
    /// <summary>The line for <paramref name="entry"/>, without a newline.</summary>
    public static string Line(TxnLogEntry entry)
    {
        var h = entry.Header;
        var sb = new StringBuilder(128);
        sb.Append(ZnodeText.IsoTime(h.Time))
            .Append(" session ").Append(ZnodeText.Hex(h.ClientId))
            .Append(" cxid ").Append(ZnodeText.Hex(h.Cxid))
            .Append(" zxid ").Append(ZnodeText.Hex(h.Zxid))
            .Append(' ');
        Describe(sb, h.Type, entry.Record);
        return sb.ToString();
    }

    /// <summary>Appends "type fields" for a txn or an operation of a multi.</summary>
    public static void Describe(StringBuilder sb, int type, IJuteRecord? record)
    {
        sb.Append(TxnNames.Type(type));
        switch (record)
        {
            case CreateTxn c:
                Path(sb, c.Path).Append(" data=").Append(ZnodeText.Data(c.Data)).Append(" acl=").Append(ZnodeText.Acl(c.Acl))
                    .Append(" ephemeral=").Append(c.Ephemeral ? "true" : "false").Append(" parentCVersion=").Append(Num(c.ParentCVersion));
                break;
            case CreateContainerTxn c:
                Path(sb, c.Path).Append(" data=").Append(ZnodeText.Data(c.Data)).Append(" acl=").Append(ZnodeText.Acl(c.Acl))
                    .Append(" parentCVersion=").Append(Num(c.ParentCVersion));
                break;
            case CreateTtlTxn c:
                Path(sb, c.Path).Append(" data=").Append(ZnodeText.Data(c.Data)).Append(" acl=").Append(ZnodeText.Acl(c.Acl))
                    .Append(" parentCVersion=").Append(Num(c.ParentCVersion)).Append(" ttl=").Append(Num(c.Ttl));
                break;
            case DeleteTxn d:
                Path(sb, d.Path);
                break;
            case SetDataTxn s:
                Path(sb, s.Path).Append(" data=").Append(ZnodeText.Data(s.Data)).Append(" version=").Append(Num(s.Version));
                break;
            case SetAclTxn s:
                Path(sb, s.Path).Append(" acl=").Append(ZnodeText.Acl(s.Acl)).Append(" version=").Append(Num(s.Version));
                break;
            case CheckVersionTxn c:
                Path(sb, c.Path).Append(" version=").Append(Num(c.Version));
                break;
            case ErrorTxn e:
                sb.Append(' ').Append(Num(e.Err)).Append(" (").Append(TxnNames.Error(e.Err)).Append(')');
                break;
            case CreateSessionTxn s:
                sb.Append(" timeout=").Append(Num(s.TimeOut));
                break;
            case CloseSessionTxn c:
                sb.Append(" ephemerals=[").AppendJoin(", ", c.Paths2Delete).Append(']');
                break;
            case MultiTxn m:
                sb.Append(" [");
                try
                {
                    var first = true;
                    foreach (var op in MultiOps.FromMultiTxn(m).Ops)
                    {
                        sb.Append(first ? "" : "; ");
                        first = false;
                        Describe(sb, op.Type, op.Body);
                    }
                }
                catch (JuteException e)
                {
                    // The record passed its checksum, so show what is there rather than stop the dump.
                    sb.Append("undecodable: ").Append(e.Message);
                }
                sb.Append(']');
                break;
            case null:
                break;
            default:
                sb.Append(' ').Append(record);
                break;
        }
    }

    private static StringBuilder Path(StringBuilder sb, string path) => sb.Append(' ').Append(path);

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
